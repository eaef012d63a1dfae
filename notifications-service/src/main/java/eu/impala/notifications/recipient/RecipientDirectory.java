package eu.impala.notifications.recipient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.bulk.ColumnPatch;
import eu.impala.commons.events.CloudEvent;
import eu.impala.commons.events.MalformedEventException;
import eu.impala.commons.inbox.Inbox;
import eu.impala.commons.inbox.InboxConsumer;
import eu.impala.commons.inbox.Received;
import eu.impala.notifications.rule.MembershipRules;
import eu.impala.notifications.webhook.WebhookRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The members notifications can address, kept from membership's member events through the inbox, a batch at a time;
 * in the same transaction the membership rules turn the events into notifications. An erased member leaves no
 * personal data here.
 */
@ApplicationScoped
public class RecipientDirectory extends InboxConsumer<MembershipEvent> {

    static final String CONSUMER = "notifications.recipient-directory";

    /** The recipient_member columns a {@code member.updated} may change, by the event's field name. */
    private static final Map<String, String> COLUMNS = Map.of("displayName", "display_name", "country", "country",
            "kind", "kind", "category", "category", "representedBy", "represented_by", "sizeClass", "size_class");

    private final MembershipRules rules;
    private final WebhookRules webhooks;

    public RecipientDirectory(Inbox inbox, ObjectMapper json, MembershipRules rules, WebhookRules webhooks) {
        super(CONSUMER, MembershipEvent.class, inbox, json);
        this.rules = rules;
        this.webhooks = webhooks;
    }

    @Incoming("membership-members")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return receive(records);
    }

    @Override
    public void check(CloudEvent event, MembershipEvent e) {
        if (e.memberId() == null) {
            throw new MalformedEventException(event.type() + " without memberId");
        }
        if (MembershipEvent.REGISTERED.equals(event.type()) && (e.country() == null || e.status() == null)) {
            throw new MalformedEventException("member.registered " + e.memberId() + " lacks country or status");
        }
        if (MembershipEvent.RENEWAL_DUE.equals(event.type()) && (e.renewalDueOn() == null || e.daysBefore() == null)) {
            throw new MalformedEventException("member.renewal-due " + e.memberId() + " lacks renewalDueOn or daysBefore");
        }
    }

    /**
     * A round holds each member once, so its events are applied a kind at a time. An erased member's association is
     * told before the member leaves the directory; for every other event it is told afterwards.
     */
    @Override
    public Uni<?> apply(SqlConnection conn, List<Received<MembershipEvent>> round) {
        List<Received<MembershipEvent>> registered = new ArrayList<>();
        List<Received<MembershipEvent>> statusChanged = new ArrayList<>();
        List<Received<MembershipEvent>> erased = new ArrayList<>();
        List<Received<MembershipEvent>> renewalDue = new ArrayList<>();
        List<Received<MembershipEvent>> others = new ArrayList<>();
        ColumnPatch patch = new ColumnPatch("recipient_member", "member_id", Map.of("display_name", "text", "country",
                "text", "kind", "text", "category", "text", "represented_by", "uuid", "status", "text", "size_class", "text"));
        for (Received<MembershipEvent> r : round) {
            MembershipEvent e = r.data();
            switch (r.type()) {
                case MembershipEvent.REGISTERED -> registered.add(r);
                case MembershipEvent.STATUS_CHANGED -> {
                    statusChanged.add(r);
                    patch.set(e.memberId(), "status", e.to());
                }
                case MembershipEvent.UPDATED -> patch.setFields(e.memberId(), e.changes(), COLUMNS);
                case MembershipEvent.ERASED -> erased.add(r);
                case MembershipEvent.RENEWAL_DUE -> renewalDue.add(r);
                default -> {
                    // only told to the webhooks
                }
            }
            if (!MembershipEvent.ERASED.equals(r.type())) {
                others.add(r);
            }
        }
        return fanOut(conn, erased)
                .chain(() -> register(conn, registered))
                .chain(() -> patch.execute(conn))
                .chain(() -> erase(conn, erased))
                .chain(() -> rules.registered(conn, registered))
                .chain(() -> rules.statusChanged(conn, statusChanged))
                .chain(() -> rules.renewalDue(conn, renewalDue))
                .chain(() -> fanOut(conn, others));
    }

    private Uni<?> fanOut(SqlConnection conn, List<Received<MembershipEvent>> events) {
        return webhooks.fanOut(conn, events.stream().map(Received::event).toList(),
                events.stream().map(r -> r.data().memberId()).toList());
    }

    private static Uni<?> register(SqlConnection conn, List<Received<MembershipEvent>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        UUID[] representedBy = new UUID[n];
        String[][] text = new String[6][n];
        for (int i = 0; i < n; i++) {
            MembershipEvent e = events.get(i).data();
            ids[i] = e.memberId();
            representedBy[i] = e.representedBy();
            text[0][i] = e.displayName();
            text[1][i] = e.country();
            text[2][i] = e.status();
            text[3][i] = e.kind();
            text[4][i] = e.category();
            text[5][i] = e.sizeClass();
        }
        return conn.preparedQuery("insert into recipient_member (member_id, display_name, country, represented_by, "
                        + "status, kind, category, size_class, updated_at) select m.id, m.name, m.country, m.rep, m.status, "
                        + "m.kind, m.category, m.size_class, now() from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], "
                        + "$5::text[], $6::text[], $7::text[], $8::text[]) as m(id, name, country, rep, status, kind, category, "
                        + "size_class) "
                        + "on conflict (member_id) do update set display_name = excluded.display_name, "
                        + "country = excluded.country, represented_by = excluded.represented_by, status = excluded.status, "
                        + "kind = excluded.kind, category = excluded.category, size_class = excluded.size_class, "
                        + "updated_at = now()")
                .execute(Tuple.tuple(List.of(ids, text[0], text[1], representedBy, text[2], text[3], text[4], text[5])));
    }

    private static Uni<?> erase(SqlConnection conn, List<Received<MembershipEvent>> events) {
        Uni<?> chain = Uni.createFrom().voidItem();
        for (Received<MembershipEvent> r : events) {
            UUID member = r.data().memberId();
            chain = chain.chain(() -> conn.preparedQuery("delete from recipient_member where member_id = $1")
                    .execute(Tuple.of(member))
                    .chain(() -> ContactDirectory.eraseMember(conn, member)));
        }
        return chain;
    }
}
