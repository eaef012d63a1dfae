package eu.impala.membership.member;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.bulk.Bulk;
import eu.impala.commons.outbox.Outbox;
import eu.impala.commons.outbox.OutgoingEvent;
import eu.impala.membership.contact.ContactChange;
import eu.impala.membership.contact.ContactData;
import eu.impala.membership.contact.ContactEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records member changes three ways in the transaction that makes them: the history (who, when, fields
 * before and after), the delta feed of the representing association, and the events through the outbox.
 */
@ApplicationScoped
public class MemberLedger {

    private final Outbox outbox;
    private final ObjectMapper json;

    public MemberLedger(Outbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /**
     * Takes these associations' write guards exclusively until the transaction ends: no other writer of their
     * members runs meanwhile, so a bulk writer (a sync, the renewal check) needs no row locks. Locks in a fixed
     * order, so two writers never deadlock on them.
     */
    public Uni<Void> lockAssociations(SqlConnection conn, Collection<UUID> associations) {
        return guards(conn, associations, "select pg_advisory_xact_lock(hashtextextended($1, 0))");
    }

    /**
     * Takes these associations' write guards shared until the transaction ends: single-member writers run side by
     * side (each locks its member's row) but never during a bulk writer's transaction.
     */
    public Uni<Void> shareAssociations(SqlConnection conn, Collection<UUID> associations) {
        return guards(conn, associations, "select pg_advisory_xact_lock_shared(hashtextextended($1, 0))");
    }

    private static Uni<Void> guards(SqlConnection conn, Collection<UUID> associations, String sql) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID association : ordered(associations)) {
            chain = chain.chain(() -> conn.preparedQuery(sql).execute(Tuple.of(association.toString())).replaceWithVoid());
        }
        return chain;
    }

    private static TreeSet<UUID> ordered(Collection<UUID> associations) {
        TreeSet<UUID> ordered = new TreeSet<>();
        associations.stream().filter(java.util.Objects::nonNull).forEach(ordered::add);
        return ordered;
    }

    public Uni<Void> record(SqlConnection conn, String actor, List<MemberChange> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime at = Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        // issued together: the connection pipelines them in order, the feed last (it holds its lock until the commit)
        return Uni.join().all(history(conn, actor, changes, at), outbox.append(conn, events(changes)),
                feed(conn, changes, at)).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> history(SqlConnection conn, String actor, List<MemberChange> changes, OffsetDateTime at) {
        int n = changes.size();
        UUID[] member = new UUID[n];
        String[] action = new String[n];
        String[] reason = new String[n];
        String[] diff = new String[n];
        // serialising 10,000 diffs is the bulk of the work: spread over the cores
        Bulk.indexes(n).forEach(i -> {
            MemberChange c = changes.get(i);
            member[i] = c.after().id;
            action[i] = c.action();
            reason[i] = c.reason();
            diff[i] = write(diff(c));
        });
        return conn.preparedQuery("insert into member_history (member_id, subject, subject_id, action, actor, reason, at, changes) "
                        + "select h.member_id, 'MEMBER', h.member_id, h.action, $5, h.reason, $6, h.changes::json "
                        + "from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) with ordinality "
                        + "as h(member_id, action, reason, changes, ord) order by h.ord")
                .execute(Tuple.of(member, action, reason, diff, actor, at))
                .replaceWithVoid();
    }

    private Uni<Void> feed(SqlConnection conn, List<MemberChange> changes, OffsetDateTime at) {
        List<UUID> association = new ArrayList<>();
        List<UUID> member = new ArrayList<>();
        List<String> change = new ArrayList<>();
        List<String> snapshot = new ArrayList<>();
        String[] views = new String[changes.size()];
        Bulk.indexes(changes.size()).forEach(i -> views[i] = changes.get(i).after().representedBy == null ? null
                : write(snapshot(changes.get(i))));
        for (int i = 0; i < changes.size(); i++) {
            MemberChange c = changes.get(i);
            UUID now = c.after().representedBy;
            UUID was = c.before() == null ? null : c.before().representedBy();
            String view = views[i];
            if (now != null) {
                association.add(now);
                member.add(c.after().id);
                change.add(c.action());
                snapshot.add(view);
            }
            if (was != null && !was.equals(now)) {
                // the old association learns that the member left it
                association.add(was);
                member.add(c.after().id);
                change.add("left-association");
                snapshot.add(write(Map.of("id", c.after().id)));
            }
        }
        if (association.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // the feed's order is its commit order: the associations' feed locks are taken right before the rows draw
        // their seq and held until the commit, so seq order is commit order per association; taken last (after any
        // row lock), so that they are held as briefly as the rest of the transaction allows
        List<Uni<Void>> steps = new ArrayList<>();
        for (UUID feedOf : ordered(association)) {
            steps.add(conn.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                    .execute(Tuple.of("feed:" + feedOf)).replaceWithVoid());
        }
        steps.add(conn.preparedQuery("insert into member_change (association_id, member_id, change, at, member) "
                        + "select f.association_id, f.member_id, f.change, $5, f.member::json "
                        + "from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) with ordinality "
                        + "as f(association_id, member_id, change, member, ord) order by f.ord")
                .execute(Tuple.of(association.toArray(new UUID[0]), member.toArray(new UUID[0]),
                        change.toArray(new String[0]), snapshot.toArray(new String[0]), at))
                .replaceWithVoid());
        return Uni.join().all(steps).andCollectFailures().replaceWithVoid();
    }

    /** What the feed shows of a member: its profile and status, with its contacts when the change carries them. */
    private Object snapshot(MemberChange c) {
        if (c.type() == MemberChange.Type.ERASED) {
            return Map.of("id", c.after().id);
        }
        if (c.contacts() == null) {
            return MemberView.of(c.after());
        }
        return new FeedSnapshot(MemberView.of(c.after()), c.contacts());
    }

    /** A member in the feed with its contacts: the member's fields, then "contacts". */
    record FeedSnapshot(@com.fasterxml.jackson.annotation.JsonUnwrapped MemberView member,
                        List<eu.impala.membership.contact.ContactView> contacts) {
    }

    /** History and events of contact changes, in the same transaction as the member's. */
    public Uni<Void> recordContacts(SqlConnection conn, String actor, List<ContactChange> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime at = Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        int n = changes.size();
        UUID[] member = new UUID[n];
        UUID[] contact = new UUID[n];
        String[] action = new String[n];
        String[] diff = new String[n];
        OutgoingEvent[] events = new OutgoingEvent[n];
        Bulk.indexes(n).forEach(i -> {
            ContactChange c = changes.get(i);
            member[i] = c.after().memberId();
            contact[i] = c.after().id();
            action[i] = c.action();
            diff[i] = write(contactDiff(c));
            events[i] = switch (c.type()) {
                case ADDED -> ContactEvents.added(c.after().memberId(), c.after().id(), c.after().data());
                case UPDATED -> ContactEvents.updated(c.after().memberId(), c.after().id(), c.after().data());
                case REMOVED -> ContactEvents.removed(c.after().memberId(), c.after().id());
                case ERASED -> ContactEvents.erased(c.after().memberId(), c.after().id());
            };
        });
        Uni<Void> history = conn.preparedQuery("insert into member_history (member_id, subject, subject_id, action, actor, at, changes) "
                        + "select h.member_id, 'CONTACT', h.contact_id, h.action, $5, $6, h.changes::json "
                        + "from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) with ordinality "
                        + "as h(member_id, contact_id, action, changes, ord) order by h.ord")
                .execute(Tuple.of(member, contact, action, diff, actor, at)).replaceWithVoid();
        return Uni.join().all(history, outbox.append(conn, java.util.Arrays.asList(events))).andCollectFailures()
                .replaceWithVoid();
    }

    private static Map<String, Object> contactDiff(ContactChange c) {
        Map<String, Object> diff = new LinkedHashMap<>();
        if (c.type() == ContactChange.Type.ERASED) {
            diff.put("erased", Map.of("before", "(personal data erased)", "after", "(erased)"));
            return diff;
        }
        ContactData before = c.before();
        ContactData after = c.type() == ContactChange.Type.REMOVED ? null : c.after().data();
        List<String> fields = before == null || after == null
                ? List.of("name", "email", "phone", "role", "language", "consents") : after.changedFrom(before);
        for (String field : fields) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("before", before == null ? null : contactField(before, field));
            values.put("after", after == null ? null : contactField(after, field));
            diff.put(field, values);
        }
        return diff;
    }

    private static Object contactField(ContactData d, String field) {
        return switch (field) {
            case "name" -> d.name();
            case "email" -> d.email();
            case "phone" -> d.phone();
            case "role" -> d.role();
            case "language" -> d.language();
            case "consents" -> ContactData.answers(d.consents());
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static List<OutgoingEvent> events(List<MemberChange> changes) {
        List<OutgoingEvent> events = new ArrayList<>(changes.size());
        for (MemberChange c : changes) {
            events.add(switch (c.type()) {
                case CREATED -> MemberEvents.registered(c.after());
                case UPDATED -> MemberEvents.updated(c.after(), c.changedFields());
                case STATUS_CHANGED -> MemberEvents.statusChanged(c.after(), c.before().status(), c.reason());
                case ERASED -> MemberEvents.erased(c.after().id);
            });
        }
        return events;
    }

    /** {"field": {"before": x, "after": y}} for the fields that changed (all of them on creation). */
    private static Map<String, Object> diff(MemberChange c) {
        MemberView after = MemberView.of(c.after());
        Map<String, Object> diff = new LinkedHashMap<>();
        if (c.type() == MemberChange.Type.ERASED) {
            diff.put("erased", Map.of("before", "(personal data erased)", "after", "(erased)"));
            return diff; // what was erased must not survive in the history either
        }
        List<String> fields = c.type() == MemberChange.Type.CREATED ? MemberView.PROFILE_FIELDS
                : c.changedFields().stream().filter(f -> !"contacts".equals(f)).toList();
        for (String field : fields) {
            Object value = after.field(field);
            if (c.type() == MemberChange.Type.CREATED && value == null) {
                continue; // a creation lists what was given
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("before", c.before() == null ? null : c.before().field(field));
            values.put("after", value);
            diff.put(field, values);
        }
        return diff;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
