package eu.impala.campaigns.member;

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
 * Keeps {@code member_view} in step with membership's member events: each event applied once (inbox), an
 * erased member keeps its row for the counts but loses its name.
 */
@ApplicationScoped
public class MemberViewProjector {

    static final String CONSUMER = "campaigns.member-view";

    private final Inbox inbox;
    private final ObjectMapper json;

    public MemberViewProjector(Inbox inbox, ObjectMapper json) {
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
            case MembershipEvent.REGISTERED -> upsert(session, e);
            case MembershipEvent.STATUS_CHANGED -> update(session, "status = ?2", e, e.to());
            case MembershipEvent.ERASED -> update(session, "display_name = null", e, null)
                    .chain(() -> anonymiseSignatures(session, e.memberId()));
            case MembershipEvent.UPDATED -> applyChanges(session, e);
            default -> Uni.createFrom().item(0); // other member events do not concern campaigns
        });
    }

    private Uni<Integer> upsert(Mutiny.Session session, MembershipEvent e) {
        if (e.kind() == null || e.country() == null || e.category() == null || e.status() == null) {
            throw new MalformedEventException("member.registered " + e.memberId() + " lacks kind, country, category or status");
        }
        return session.createNativeQuery("insert into member_view (member_id, kind, display_name, country, category, "
                        + "represented_by, status, size_class, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, now()) "
                        + "on conflict (member_id) do update set kind = excluded.kind, display_name = excluded.display_name, "
                        + "country = excluded.country, category = excluded.category, represented_by = excluded.represented_by, "
                        + "status = excluded.status, size_class = excluded.size_class, updated_at = now()")
                .setParameter(1, e.memberId()).setParameter(2, e.kind()).setParameter(3, e.displayName())
                .setParameter(4, e.country()).setParameter(5, e.category()).setParameter(6, e.representedBy())
                .setParameter(7, e.status()).setParameter(8, e.sizeClass())
                .executeUpdate();
    }

    /** The member's signatures stay counted, but lose everything that names or describes a person. */
    private Uni<Integer> anonymiseSignatures(Mutiny.Session session, java.util.UUID memberId) {
        return session.createNativeQuery("update signature set signed_by = null, withdrawn_by = null, comment = null, "
                        + "pledge = null, show_name = false, anonymised_at = coalesce(anonymised_at, now()) "
                        + "where member_id = ?1")
                .setParameter(1, memberId).executeUpdate();
    }

    private Uni<Integer> update(Mutiny.Session session, String assignment, MembershipEvent e, Object value) {
        var query = session.createNativeQuery("update member_view set " + assignment + ", updated_at = now() "
                + "where member_id = ?1").setParameter(1, e.memberId());
        if (value != null) {
            query.setParameter(2, value);
        }
        return query.executeUpdate();
    }

    private Uni<Integer> applyChanges(Mutiny.Session session, MembershipEvent e) {
        if (e.changes() == null) {
            return Uni.createFrom().item(0);
        }
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (var change : e.changes().entrySet()) {
            String column = switch (change.getKey()) {
                case "displayName" -> "display_name";
                case "country" -> "country";
                case "category" -> "category";
                case "kind" -> "kind";
                case "representedBy" -> "represented_by";
                case "sizeClass" -> "size_class";
                default -> null;
            };
            if (column != null) {
                Object value = change.getValue() == null ? null : change.getValue().toString();
                Object typed = "represented_by".equals(column) && value != null ? java.util.UUID.fromString((String) value) : value;
                chain = chain.chain(() -> typed == null
                        ? update(session, column + " = null", e, null)
                        : update(session, column + " = ?2", e, typed));
            }
        }
        return chain;
    }
}
