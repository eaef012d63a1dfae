package eu.impala.notifications.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.inbox.Received;
import eu.impala.notifications.notification.NotificationWriter;
import eu.impala.notifications.recipient.MembershipEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What membership's member events tell people, for a round of events at once (each member once): one statement per
 * kind of notification, however many members. Both are transactional messages: they go whatever the contact's
 * marketing consents say.
 * <ul>
 * <li>{@code member.registered} → a welcome email to the member's primary contact (found when it is sent, as the
 * contact's own event may come later) and an in-app notice to the admins of the representing association;</li>
 * <li>{@code member.status-changed} → an email to each of the member's contacts and an in-app notice to its staff;</li>
 * <li>{@code member.renewal-due} → a reminder by email to the member's primary contact, unless that contact's
 * preferences leave EMAIL out of the MEMBERSHIP topic, and an in-app notice to its staff. A reminder is not gathered
 * into a digest (the digest gathers campaign news): it names a date and goes at once.</li>
 * </ul>
 */
@ApplicationScoped
public class MembershipRules {

    public static final String WELCOME = "welcome";
    public static final String MEMBER_JOINED = "memberJoined";
    public static final String STATUS_CHANGED = "statusChanged";
    public static final String RENEWAL_DUE = "renewalDue";

    private final NotificationWriter writer;

    public MembershipRules(NotificationWriter writer) {
        this.writer = writer;
    }

    public Uni<?> registered(SqlConnection conn, List<Received<MembershipEvent>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        UUID[] members = new UUID[n];
        String[] models = new String[n];
        List<UUID> joinedIds = new ArrayList<>();
        List<String> associations = new ArrayList<>();
        List<UUID> joinedMembers = new ArrayList<>();
        List<String> joinedModels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MembershipEvent e = events.get(i).data();
            String name = e.displayName() == null ? "" : e.displayName();
            ids[i] = events.get(i).event().id();
            members[i] = e.memberId();
            models[i] = writer.write(Map.of("member", name));
            if (e.representedBy() != null) {
                joinedIds.add(ids[i]);
                associations.add("association:" + e.representedBy());
                joinedMembers.add(e.memberId());
                joinedModels.add(writer.write(Map.of("member", name, "memberId", e.memberId().toString())));
            }
        }
        Uni<?> welcome = conn.preparedQuery(NotificationWriter.INSERT + "select gen_random_uuid(), u.event_id, $4, 'EMAIL', "
                        + "'primary-contact:' || u.member_id, u.member_id, u.model::jsonb, 'PENDING', now(), null, now(), null "
                        + "from unnest($1::uuid[], $2::uuid[], $3::text[]) as u(event_id, member_id, model) on conflict do nothing")
                .execute(Tuple.of(ids, members, models, WELCOME));
        return welcome.chain(() -> joinedIds.isEmpty() ? Uni.createFrom().voidItem()
                : writer.inApp(conn, joinedIds, MEMBER_JOINED, associations, joinedMembers, joinedModels));
    }

    public Uni<?> statusChanged(SqlConnection conn, List<Received<MembershipEvent>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        UUID[] members = new UUID[n];
        String[] from = new String[n];
        String[] to = new String[n];
        for (int i = 0; i < n; i++) {
            MembershipEvent e = events.get(i).data();
            ids[i] = events.get(i).event().id();
            members[i] = e.memberId();
            from[i] = String.valueOf(e.from());
            to[i] = String.valueOf(e.to());
        }
        // the model names the member as the directory knows it now, as each email and notice shows it
        String changes = "with u as (select u.*, jsonb_build_object('member', coalesce(m.display_name, ''), 'from', u.f, "
                + "'to', u.t) as model from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) as u(event_id, member_id, f, t) "
                + "left join recipient_member m on m.member_id = u.member_id) ";
        return conn.preparedQuery(changes + NotificationWriter.INSERT + "select gen_random_uuid(), u.event_id, $5, 'EMAIL', "
                        + "'contact:' || c.contact_id, u.member_id, u.model, 'PENDING', now(), null, now(), null from u "
                        + "join recipient_contact c on c.member_id = u.member_id where c.email is not null on conflict do nothing")
                .execute(Tuple.of(ids, members, from, to, STATUS_CHANGED))
                .chain(() -> conn.preparedQuery(changes + NotificationWriter.INSERT + "select gen_random_uuid(), u.event_id, $5, "
                                + "'IN_APP', 'member:' || u.member_id, u.member_id, u.model, 'SENT', null, null, now(), now() "
                                + "from u on conflict do nothing")
                        .execute(Tuple.of(ids, members, from, to, STATUS_CHANGED)));
    }

    public Uni<?> renewalDue(SqlConnection conn, List<Received<MembershipEvent>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        UUID[] members = new UUID[n];
        String[] dates = new String[n];
        Integer[] days = new Integer[n];
        for (int i = 0; i < n; i++) {
            MembershipEvent e = events.get(i).data();
            ids[i] = events.get(i).event().id();
            members[i] = e.memberId();
            dates[i] = e.renewalDueOn();
            days[i] = e.daysBefore();
        }
        String due = "with u as (select u.*, jsonb_build_object('member', coalesce(m.display_name, ''), 'renewalDueOn', "
                + "u.due_on, 'daysBefore', u.days) as model from unnest($1::uuid[], $2::uuid[], $3::text[], $4::int4[]) "
                + "as u(event_id, member_id, due_on, days) left join recipient_member m on m.member_id = u.member_id) ";
        // the primary contact as the directory knows it now; one not known yet gets the email when it arrives (as a
        // welcome does), its preferences unknown and so all on
        return conn.preparedQuery(due + NotificationWriter.INSERT + "select gen_random_uuid(), u.event_id, $5, 'EMAIL', "
                        + "'primary-contact:' || u.member_id, u.member_id, u.model, 'PENDING', now(), null, now(), null "
                        + "from u where not exists (select 1 from recipient_contact c join preference p "
                        + "on p.contact_id = c.contact_id where c.member_id = u.member_id and c.role = 'PRIMARY' "
                        + "and not jsonb_exists(coalesce(p.channels -> 'MEMBERSHIP', '[\"EMAIL\"]'::jsonb), 'EMAIL')) "
                        + "on conflict do nothing")
                .execute(Tuple.of(ids, members, dates, days, RENEWAL_DUE))
                .chain(() -> conn.preparedQuery(due + NotificationWriter.INSERT + "select gen_random_uuid(), u.event_id, $5, "
                                + "'IN_APP', 'member:' || u.member_id, u.member_id, u.model, 'SENT', null, null, now(), now() "
                                + "from u on conflict do nothing")
                        .execute(Tuple.of(ids, members, dates, days, RENEWAL_DUE)));
    }
}
