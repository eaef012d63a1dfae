package eu.impala.notifications.recipient;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.events.CloudEvent;
import eu.impala.commons.events.MalformedEventException;
import eu.impala.commons.inbox.Inbox;
import eu.impala.notifications.rule.MembershipRules;
import eu.impala.notifications.webhook.WebhookRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The members notifications can address, kept from membership's member events through the inbox; in the same
 * transaction the membership rules turn each event into notifications. An erased member leaves no personal
 * data here.
 */
@ApplicationScoped
public class RecipientDirectory {

    static final String CONSUMER = "notifications.recipient-directory";

    private final Inbox inbox;
    private final ObjectMapper json;
    private final MembershipRules rules;
    private final WebhookRules webhooks;

    public RecipientDirectory(Inbox inbox, ObjectMapper json, MembershipRules rules, WebhookRules webhooks) {
        this.inbox = inbox;
        this.json = json;
        this.rules = rules;
        this.webhooks = webhooks;
    }

    @Incoming("membership-members")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.receiveSql(CONSUMER, record, json, MembershipEvent.class, this::apply);
    }

    Uni<?> apply(SqlConnection conn, CloudEvent event, MembershipEvent e) {
        if (e.memberId() == null) {
            throw new MalformedEventException(event.type() + " without memberId");
        }
        // an erased member's association is told before the member leaves the directory; everything else after
        Uni<?> before = MembershipEvent.ERASED.equals(event.type()) ? webhooks.fanOut(conn, event, e.memberId())
                : Uni.createFrom().voidItem();
        Uni<?> directory = before.chain(() -> switch (event.type()) {
            case MembershipEvent.REGISTERED -> register(conn, e);
            case MembershipEvent.STATUS_CHANGED -> conn.preparedQuery(
                    "update recipient_member set status = $2, updated_at = now() where member_id = $1")
                    .execute(Tuple.of(e.memberId(), e.to()));
            case MembershipEvent.UPDATED -> update(conn, e);
            case MembershipEvent.ERASED -> conn.preparedQuery("delete from recipient_member where member_id = $1")
                    .execute(Tuple.of(e.memberId()))
                    .chain(() -> ContactDirectory.eraseMember(conn, e.memberId()));
            default -> Uni.createFrom().voidItem();
        });
        return directory.chain(() -> rules.apply(conn, event, e))
                .chain(() -> MembershipEvent.ERASED.equals(event.type()) ? Uni.createFrom().voidItem()
                        : webhooks.fanOut(conn, event, e.memberId()));
    }

    private static Uni<?> register(SqlConnection conn, MembershipEvent e) {
        if (e.country() == null || e.status() == null) {
            throw new MalformedEventException("member.registered " + e.memberId() + " lacks country or status");
        }
        return conn.preparedQuery("insert into recipient_member (member_id, display_name, country, represented_by, "
                        + "status, kind, category, updated_at) values ($1, $2, $3, $4, $5, $6, $7, now()) "
                        + "on conflict (member_id) do update set display_name = excluded.display_name, "
                        + "country = excluded.country, represented_by = excluded.represented_by, status = excluded.status, "
                        + "kind = excluded.kind, category = excluded.category, updated_at = now()")
                .execute(Tuple.from(Arrays.asList(e.memberId(), e.displayName(), e.country(), e.representedBy(),
                        e.status(), e.kind(), e.category())));
    }

    private static Uni<?> update(SqlConnection conn, MembershipEvent e) {
        if (e.changes() == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<?> chain = Uni.createFrom().voidItem();
        for (String field : new String[] {"displayName", "country", "kind", "category", "representedBy"}) {
            if (e.changes().containsKey(field)) {
                Object value = e.changes().get(field);
                String column = switch (field) {
                    case "displayName" -> "display_name";
                    case "representedBy" -> "represented_by";
                    default -> field;
                };
                Object typed = value == null ? null
                        : "represented_by".equals(column) ? java.util.UUID.fromString(value.toString()) : value.toString();
                chain = chain.chain(() -> conn.preparedQuery("update recipient_member set " + column + " = $2"
                                + ", updated_at = now() where member_id = $1")
                        .execute(Tuple.of(e.memberId(), typed)));
            }
        }
        return chain;
    }
}
