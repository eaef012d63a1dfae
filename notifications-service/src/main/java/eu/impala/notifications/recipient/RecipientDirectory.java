package eu.impala.notifications.recipient;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.events.MalformedEventException;
import eu.impala.commons.inbox.Inbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The members notifications can address, kept from membership's events through the inbox; an erased member
 * leaves no personal data here.
 */
@ApplicationScoped
public class RecipientDirectory {

    static final String CONSUMER = "notifications.recipient-directory";

    private final Inbox inbox;
    private final ObjectMapper json;

    public RecipientDirectory(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("membership-members")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.receive(CONSUMER, record, json, MembershipEvent.class, this::apply);
    }

    Uni<Integer> apply(String type, MembershipEvent e) {
        if (e.memberId() == null) {
            throw new MalformedEventException(type + " without memberId");
        }
        return Panache.getSession().chain(session -> switch (type) {
            case MembershipEvent.REGISTERED -> register(session, e);
            case MembershipEvent.STATUS_CHANGED -> session.createNativeQuery(
                            "update recipient_member set status = ?2, updated_at = now() where member_id = ?1")
                    .setParameter(1, e.memberId()).setParameter(2, e.to()).executeUpdate();
            case MembershipEvent.UPDATED -> e.changes() != null && e.changes().containsKey("displayName")
                    ? session.createNativeQuery("update recipient_member set display_name = ?2, updated_at = now() "
                            + "where member_id = ?1")
                    .setParameter(1, e.memberId()).setParameter(2, String.valueOf(e.changes().get("displayName")))
                    .executeUpdate()
                    : Uni.createFrom().item(0);
            case MembershipEvent.ERASED -> session.createNativeQuery("delete from recipient_member where member_id = ?1")
                    .setParameter(1, e.memberId()).executeUpdate();
            default -> Uni.createFrom().item(0);
        });
    }

    private Uni<Integer> register(Mutiny.Session session, MembershipEvent e) {
        if (e.country() == null || e.status() == null) {
            throw new MalformedEventException("member.registered " + e.memberId() + " lacks country or status");
        }
        return session.createNativeQuery("insert into recipient_member (member_id, display_name, country, represented_by, "
                        + "status, updated_at) values (?1, ?2, ?3, ?4, ?5, now()) on conflict (member_id) do update set "
                        + "display_name = excluded.display_name, country = excluded.country, "
                        + "represented_by = excluded.represented_by, status = excluded.status, updated_at = now()")
                .setParameter(1, e.memberId()).setParameter(2, e.displayName()).setParameter(3, e.country())
                .setParameter(4, e.representedBy()).setParameter(5, e.status())
                .executeUpdate();
    }
}
