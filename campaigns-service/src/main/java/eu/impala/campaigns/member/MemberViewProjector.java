package eu.impala.campaigns.member;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.campaigns.counter.CounterCache;
import eu.impala.commons.bulk.ColumnPatch;
import eu.impala.commons.events.CloudEvent;
import eu.impala.commons.events.MalformedEventException;
import eu.impala.commons.inbox.Inbox;
import eu.impala.commons.inbox.InboxConsumer;
import eu.impala.commons.inbox.Received;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps {@code member_view} in step with membership's member events, a batch at a time: each event applied once
 * (inbox), registrations in one upsert, every other change in one patch, an erased member keeping its row for the
 * counts but losing its name (and its signatures what names a person); a merged member's signatures moving to the
 * member it was merged into ({@link MergedSignatures}).
 */
@ApplicationScoped
public class MemberViewProjector extends InboxConsumer<MembershipEvent> {

    static final String CONSUMER = "campaigns.member-view";

    /** The member_view columns an event may change, and the event field each comes from. */
    private static final Map<String, String> COLUMNS = Map.of("displayName", "display_name", "country", "country",
            "category", "category", "kind", "kind", "representedBy", "represented_by", "sizeClass", "size_class");

    private final CounterCache counters;

    public MemberViewProjector(Inbox inbox, ObjectMapper json, CounterCache counters) {
        super(CONSUMER, MembershipEvent.class, inbox, json);
        this.counters = counters;
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
        if (MembershipEvent.MERGED.equals(event.type()) && e.survivorId() == null) {
            throw new MalformedEventException("member.merged " + e.memberId() + " without survivorId");
        }
        if (MembershipEvent.REGISTERED.equals(event.type())
                && (e.kind() == null || e.country() == null || e.category() == null || e.status() == null)) {
            throw new MalformedEventException("member.registered " + e.memberId() + " lacks kind, country, category or status");
        }
    }

    @Override
    public Uni<?> apply(SqlConnection conn, List<Received<MembershipEvent>> round) {
        List<MembershipEvent> registered = new ArrayList<>();
        List<UUID> erased = new ArrayList<>();
        List<UUID> duplicates = new ArrayList<>();
        List<UUID> survivors = new ArrayList<>();
        ColumnPatch patch = new ColumnPatch("member_view", "member_id", Map.of("display_name", "text", "country", "text",
                "category", "text", "kind", "text", "represented_by", "uuid", "size_class", "text", "status", "text"));
        for (Received<MembershipEvent> r : round) {
            MembershipEvent e = r.data();
            switch (r.type()) {
                case MembershipEvent.REGISTERED -> registered.add(e);
                case MembershipEvent.STATUS_CHANGED -> patch.set(e.memberId(), "status", e.to());
                case MembershipEvent.UPDATED -> patch.setFields(e.memberId(), e.changes(), COLUMNS);
                case MembershipEvent.ERASED -> {
                    patch.set(e.memberId(), "display_name", null);
                    erased.add(e.memberId());
                }
                case MembershipEvent.MERGED -> {
                    // the duplicate signs no more; what it signed is the survivor's
                    patch.set(e.memberId(), "status", MembershipEvent.MERGED_STATUS);
                    duplicates.add(e.memberId());
                    survivors.add(e.survivorId());
                }
                default -> {
                    // other member events do not concern campaigns
                }
            }
        }
        // a round holds each member once, so the three statements touch disjoint rows
        return upsert(conn, registered).chain(() -> patch.execute(conn)).chain(() -> anonymiseSignatures(conn, erased))
                .chain(() -> MergedSignatures.apply(conn, duplicates, survivors))
                // counted again on the next read (another replica's after its counters' TTL)
                .invoke(campaigns -> campaigns.forEach(counters::evict));
    }

    private static Uni<Void> upsert(SqlConnection conn, List<MembershipEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        UUID[] representedBy = new UUID[n];
        String[][] text = new String[6][n];
        for (int i = 0; i < n; i++) {
            MembershipEvent e = events.get(i);
            ids[i] = e.memberId();
            representedBy[i] = e.representedBy();
            text[0][i] = e.kind();
            text[1][i] = e.displayName();
            text[2][i] = e.country();
            text[3][i] = e.category();
            text[4][i] = e.status();
            text[5][i] = e.sizeClass();
        }
        return conn.preparedQuery("insert into member_view (member_id, kind, display_name, country, category, "
                        + "represented_by, status, size_class, updated_at) select m.*, now() from unnest($1::uuid[], "
                        + "$2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[]) as m "
                        + "on conflict (member_id) do update set kind = excluded.kind, display_name = excluded.display_name, "
                        + "country = excluded.country, category = excluded.category, represented_by = excluded.represented_by, "
                        + "status = excluded.status, size_class = excluded.size_class, updated_at = now()")
                .execute(Tuple.tuple(List.of(ids, text[0], text[1], text[2], text[3], representedBy, text[4], text[5])))
                .replaceWithVoid();
    }

    /** The erased members' signatures stay counted, but lose everything that names or describes a person. */
    private static Uni<Void> anonymiseSignatures(SqlConnection conn, List<UUID> members) {
        if (members.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("update signature set signed_by = null, withdrawn_by = null, comment = null, "
                        + "pledge = null, show_name = false, anonymised_at = coalesce(anonymised_at, now()) "
                        + "where member_id = any($1)")
                .execute(Tuple.of(members.toArray(UUID[]::new))).replaceWithVoid();
    }
}
