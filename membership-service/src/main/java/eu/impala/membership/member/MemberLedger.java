package eu.impala.membership.member;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.bulk.Bulk;
import eu.impala.commons.outbox.OutgoingEvent;
import eu.impala.commons.tracing.TraceParent;
import eu.impala.membership.contact.ContactChange;
import eu.impala.membership.contact.ContactData;
import eu.impala.membership.contact.ContactEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records member changes in the transaction that makes them, as rows of the change journal ({@code member_journal}):
 * one row per member changed, written once, from which come its history (who, when, fields before and after), the
 * delta feed of the associations it concerns, and its events (the relay publishes them as it publishes the outbox).
 */
@ApplicationScoped
public class MemberLedger {

    private final ObjectMapper json;

    public MemberLedger(ObjectMapper json) {
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

    /** Records member changes alone (see {@link #record(SqlConnection, String, List, List)}). */
    public Uni<Void> record(SqlConnection conn, String actor, List<MemberChange> changes) {
        return record(conn, actor, changes, List.of());
    }

    /**
     * Appends one journal row per member changed, in the transaction that makes the changes: the member's change and
     * its contacts' (history entries, member first), which feeds show it, and the events they cause, member first.
     */
    public Uni<Void> record(SqlConnection conn, String actor, List<MemberChange> changes, List<ContactChange> contactChanges) {
        if (changes.isEmpty() && contactChanges.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime at = Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        String traceparent = TraceParent.current();
        List<Entry> entries = group(changes, contactChanges);
        int n = entries.size();
        UUID[] member = new UUID[n];
        String[] action = new String[n];
        UUID[] feed = new UUID[n];
        UUID[] left = new UUID[n];
        String[] history = new String[n];
        String[] events = new String[n];
        Integer[] eventCount = new Integer[n];
        String[] statusBefore = new String[n];
        String[] statusAfter = new String[n];
        // serialising 10,000 members' diffs and events is the bulk of the work: spread over the cores
        Bulk.indexes(n).forEach(i -> {
            Entry e = entries.get(i);
            MemberChange first = e.members.isEmpty() ? null : e.members.get(0);
            MemberChange last = e.members.isEmpty() ? null : e.members.get(e.members.size() - 1);
            member[i] = e.memberId;
            // the feed shows one entry per operation: the last of its member changes (a sync that updates a lapsed
            // member and renews it says status-changed)
            action[i] = last == null ? null : last.action();
            UUID now = last == null ? null : last.after().representedBy;
            UUID was = first == null || first.before() == null ? null : first.before().representedBy();
            feed[i] = now;
            left[i] = was != null && !was.equals(now) ? was : null;
            history[i] = historyOf(e);
            int count = eventCount(e);
            // a row without events (the survivor of a merge that took no contacts) is no row for the relay
            events[i] = count == 0 ? null : eventsOf(e);
            eventCount[i] = count == 0 ? null : count;
            // the status move of the whole operation, for the statistics (a sync that updates and renews is one move)
            MembershipStatus from = first == null || first.before() == null ? null : first.before().status();
            MembershipStatus to = last == null ? null : last.after().status;
            if (to != null && to != from) {
                statusBefore[i] = from == null ? null : from.name();
                statusAfter[i] = to.name();
            }
        });
        Set<UUID> feeds = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            Stream.of(feed[i], left[i]).filter(Objects::nonNull).forEach(feeds::add);
        }
        // the feed's order is its commit order: the associations' feed locks are taken right before the rows draw
        // their seq and held until the commit, so seq order is commit order per association; taken last (after any
        // row lock), so that they are held as briefly as the rest of the transaction allows. All go out at once:
        // the connection pipelines them in this order.
        List<Uni<Void>> steps = new ArrayList<>();
        for (UUID feedOf : feeds) {
            steps.add(conn.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                    .execute(Tuple.of("feed:" + feedOf)).replaceWithVoid());
        }
        // every row carries the operation's trace context: the relay sends it with the row's events
        steps.add(conn.preparedQuery("insert into member_journal (member_id, at, actor, action, feed_association, "
                        + "left_association, changes, events, event_count, traceparent, status_before, status_after) "
                        + "select j.member_id, $1, $2, j.action, j.feed, j.left_association, j.changes, "
                        + "j.events, j.event_count, $10::text, j.status_before, j.status_after from unnest($3::uuid[], "
                        + "$4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::int4[], $11::text[], $12::text[]) "
                        + "with ordinality as j(member_id, action, feed, left_association, changes, events, event_count, "
                        + "status_before, status_after, ord) order by j.ord")
                .execute(Tuple.tuple(Arrays.asList(at, actor, member, action, feed, left, history, events, eventCount,
                        traceparent, statusBefore, statusAfter)))
                .replaceWithVoid());
        return Uni.join().all(steps).andCollectFailures().replaceWithVoid();
    }

    /** How many events a row holds: one per change, but the survivor's side of a merge has none of its own. */
    private static int eventCount(Entry e) {
        int count = e.contacts.size();
        for (MemberChange m : e.members) {
            if (m.type() != MemberChange.Type.MERGED || m.after().mergedInto != null) {
                count++;
            }
        }
        return count;
    }

    /** One member's part of an operation: its own changes, if any, and its contacts' changes. */
    private static final class Entry {
        final UUID memberId;
        final List<MemberChange> members = new ArrayList<>(1);
        final List<ContactChange> contacts = new ArrayList<>(2);

        Entry(UUID memberId) {
            this.memberId = memberId;
        }
    }

    /** The changes grouped by member, in the order their members first appear (members' changes first). */
    private static List<Entry> group(List<MemberChange> changes, List<ContactChange> contactChanges) {
        Map<UUID, Entry> byMember = new LinkedHashMap<>(2 * (changes.size() + 1));
        for (MemberChange c : changes) {
            byMember.computeIfAbsent(c.after().id, Entry::new).members.add(c);
        }
        for (ContactChange c : contactChanges) {
            byMember.computeIfAbsent(c.after().memberId(), Entry::new).contacts.add(c);
        }
        return new ArrayList<>(byMember.values());
    }

    /** The history entries of one journal row: the member's, then its contacts'. */
    private String historyOf(Entry e) {
        List<Map<String, Object>> out = new ArrayList<>(e.members.size() + e.contacts.size());
        for (MemberChange m : e.members) {
            out.add(historyEntry("MEMBER", e.memberId, m.historyAction(), m.reason(), diff(m)));
        }
        for (ContactChange c : e.contacts) {
            out.add(historyEntry("CONTACT", c.after().id(), c.action(), null, contactDiff(c)));
        }
        return write(out);
    }

    private static Map<String, Object> historyEntry(String subject, UUID subjectId, String action, String reason,
                                                    Object changes) {
        Map<String, Object> entry = new LinkedHashMap<>(8);
        entry.put("subject", subject);
        entry.put("subjectId", subjectId);
        entry.put("action", action);
        if (reason != null) {
            entry.put("reason", reason);
        }
        entry.put("changes", changes);
        return entry;
    }

    /**
     * The events of one journal row as the relay publishes them: each one's data is written here once and published
     * byte for byte (the json type keeps the text), with its own CloudEvents id.
     */
    private String eventsOf(Entry e) {
        List<OutgoingEvent> out = new ArrayList<>(e.members.size() + e.contacts.size());
        for (MemberChange m : e.members) {
            OutgoingEvent event = event(m);
            if (event != null) {
                out.add(event);
            }
        }
        for (ContactChange c : e.contacts) {
            out.add(event(c));
        }
        StringBuilder text = new StringBuilder(256 * out.size()).append('[');
        for (OutgoingEvent event : out) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append("{\"id\":\"").append(UUID.randomUUID()).append("\",\"topic\":\"").append(event.topic())
                    .append("\",\"type\":\"").append(event.type()).append("\",\"data\":").append(write(event.data()))
                    .append('}');
        }
        return text.append(']').toString();
    }

    private static OutgoingEvent event(MemberChange c) {
        return switch (c.type()) {
            case CREATED -> MemberEvents.registered(c.after());
            case UPDATED -> MemberEvents.updated(c.after(), c.changedFields());
            case STATUS_CHANGED -> MemberEvents.statusChanged(c.after(), c.before().status(), c.reason());
            case ERASED -> MemberEvents.erased(c.after().id);
            // one event tells the merge, from the duplicate; the survivor's own row carries its contacts' events
            case MERGED -> c.after().mergedInto == null ? null : MemberEvents.merged(c.after().id, c.after().mergedInto);
        };
    }

    private static OutgoingEvent event(ContactChange c) {
        return switch (c.type()) {
            case ADDED -> ContactEvents.added(c.after().memberId(), c.after().id(), c.after().data());
            case UPDATED -> ContactEvents.updated(c.after().memberId(), c.after().id(), c.after().data());
            case REMOVED -> ContactEvents.removed(c.after().memberId(), c.after().id());
            case ERASED -> ContactEvents.erased(c.after().memberId(), c.after().id());
        };
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

    /** {"field": {"before": x, "after": y}} for the fields that changed (all of them on creation). */
    private static Map<String, Object> diff(MemberChange c) {
        MemberView after = MemberView.of(c.after());
        Map<String, Object> diff = new LinkedHashMap<>();
        if (c.type() == MemberChange.Type.ERASED) {
            diff.put("erased", Map.of("before", "(personal data erased)", "after", "(erased)"));
            return diff; // what was erased must not survive in the history either
        }
        if (c.mergedFrom() != null) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("before", null);
            values.put("after", c.mergedFrom());
            diff.put("mergedFrom", values);
            return diff;
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
