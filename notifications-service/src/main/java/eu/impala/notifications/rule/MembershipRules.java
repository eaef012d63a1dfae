package eu.impala.notifications.rule;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.events.CloudEvent;
import eu.impala.notifications.notification.NotificationWriter;
import eu.impala.notifications.recipient.MembershipEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What membership's member events tell people. Both are transactional messages: they go whatever the contact's
 * marketing consents say.
 * <ul>
 * <li>{@code member.registered} → a welcome email to the member's primary contact (found when it is sent, as the
 * contact's own event may come later) and an in-app notice to the admins of the representing association;</li>
 * <li>{@code member.status-changed} → an email to each of the member's contacts and an in-app notice to its staff.</li>
 * </ul>
 */
@ApplicationScoped
public class MembershipRules {

    public static final String WELCOME = "welcome";
    public static final String MEMBER_JOINED = "memberJoined";
    public static final String STATUS_CHANGED = "statusChanged";

    private final NotificationWriter writer;

    public MembershipRules(NotificationWriter writer) {
        this.writer = writer;
    }

    public Uni<?> apply(SqlConnection conn, CloudEvent event, MembershipEvent e) {
        return switch (event.type()) {
            case MembershipEvent.REGISTERED -> registered(conn, event, e);
            case MembershipEvent.STATUS_CHANGED -> statusChanged(conn, event, e);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<?> registered(SqlConnection conn, CloudEvent event, MembershipEvent e) {
        Map<String, Object> model = new HashMap<>();
        model.put("member", e.displayName() == null ? "" : e.displayName());
        Uni<?> welcome = writer.email(conn, event.id(), WELCOME, "primary-contact:" + e.memberId(), e.memberId(), model);
        if (e.representedBy() == null) {
            return welcome;
        }
        return welcome.chain(() -> writer.inApp(conn, event.id(), MEMBER_JOINED, "association:" + e.representedBy(),
                e.memberId(), Map.of("member", model.get("member"), "memberId", e.memberId().toString())));
    }

    private Uni<?> statusChanged(SqlConnection conn, CloudEvent event, MembershipEvent e) {
        return conn.preparedQuery("select display_name from recipient_member where member_id = $1")
                .execute(Tuple.of(e.memberId()))
                .chain(rows -> {
                    String name = rows.size() == 0 || rows.iterator().next().getString(0) == null ? ""
                            : rows.iterator().next().getString(0);
                    Map<String, Object> model = Map.of("member", name, "from", String.valueOf(e.from()),
                            "to", String.valueOf(e.to()));
                    String json = writer.write(model);
                    return conn.preparedQuery(NotificationWriter.INSERT + "select gen_random_uuid(), $1, $2, 'EMAIL', "
                                    + "'contact:' || contact_id, member_id, $3::text::jsonb, 'PENDING', now(), null, now(), null "
                                    + "from recipient_contact where member_id = $4 and email is not null on conflict do nothing")
                            .execute(Tuple.of(event.id(), STATUS_CHANGED, json, e.memberId()))
                            .chain(() -> writer.inApp(conn, event.id(), STATUS_CHANGED, "member:" + e.memberId(),
                                    e.memberId(), model));
                });
    }
}
