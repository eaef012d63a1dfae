package eu.impala.membership.sync;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.paging.TimeCursor;
import eu.impala.membership.contact.Contact;
import eu.impala.membership.contact.ContactStore;
import eu.impala.membership.member.Member;
import eu.impala.membership.member.MemberStore;
import eu.impala.membership.member.MembershipStatus;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The sync's own SQL: an association's references to its external keys, the members a sync loads, and the runs it
 * keeps. Members and contacts themselves are written by their stores.
 */
@ApplicationScoped
public class SyncStore {

    private final ContactStore contacts;
    private final Pool pool;

    public SyncStore(ContactStore contacts, Pool pool) {
        this.contacts = contacts;
        this.pool = pool;
    }

    /** The association's references to these keys, with where their members stand now. */
    public Uni<List<SyncReferences.Stored>> references(SqlConnection conn, UUID association, Collection<String> keys) {
        return conn.preparedQuery("select r.external_id, r.member_id, r.synced_fingerprint, r.synced_version, "
                        + "m.version, m.status, m.represented_by, r.retired_at is not null as retired from member_external_ref r "
                        + "join member m on m.id = r.member_id "
                        + "where r.association_id = $1 and r.external_id = any($2)")
                .execute(Tuple.of(association, keys.toArray(new String[0])))
                .map(rows -> {
                    List<SyncReferences.Stored> refs = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        io.vertx.mutiny.core.buffer.Buffer fingerprint = row.getBuffer("synced_fingerprint");
                        refs.add(new SyncReferences.Stored(row.getString("external_id"), row.getUUID("member_id"),
                                fingerprint == null ? null : fingerprint.getBytes(), row.getLong("synced_version"),
                                row.getLong("version"), MembershipStatus.valueOf(row.getString("status")),
                                row.getUUID("represented_by"), row.getBoolean("retired")));
                    }
                    return refs;
                });
    }

    /** The members under these keys of the association, with their contacts, by key. */
    public Uni<Map<String, SyncPlan.Existing>> members(SqlConnection conn, UUID association, List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return withContacts(conn, conn.preparedQuery("select r.external_id, m.* from member_external_ref r "
                        + "join member m on m.id = r.member_id where r.association_id = $1 "
                        + "and r.external_id = any($2) order by m.id")
                .execute(Tuple.of(association, keys.toArray(new String[0]))))
                .map(found -> {
                    Map<String, SyncPlan.Existing> byKey = new HashMap<>();
                    found.forEach(e -> byKey.put(e.externalId(), e));
                    return byKey;
                });
    }

    /**
     * The members that came to the association other than through its list: those of {@code named} it represents,
     * with their contacts and its key for them if it has one, and, when the batch has keys new to it ({@code
     * anyNew}), those moved to it that none of its references reaches yet.
     */
    public Uni<Arrivals> arrivals(SqlConnection conn, UUID association, List<UUID> named, boolean anyNew) {
        Uni<List<SyncPlan.Existing>> claimed = named.isEmpty() ? Uni.createFrom().item(List.of())
                : withContacts(conn, conn.preparedQuery("select r.external_id, m.* from member m "
                        + "left join member_external_ref r on r.member_id = m.id and r.association_id = $1 "
                        + "and r.retired_at is null where m.id = any($2) and m.represented_by = $1 "
                        + "and m.erased_at is null order by m.id")
                .execute(Tuple.of(association, named.toArray(new UUID[0]))));
        Uni<List<Member>> unclaimed = !anyNew ? Uni.createFrom().item(List.of())
                : conn.preparedQuery("select m.* from member m where m.id in (select r.member_id "
                        + "from member_external_ref r where r.moved_to = $1) and m.represented_by = $1 "
                        + "and m.erased_at is null and not exists (select 1 from member_external_ref o "
                        + "where o.member_id = m.id and o.association_id = $1)")
                .execute(Tuple.of(association)).map(MemberStore::members);
        return claimed.chain(found -> unclaimed.map(moved -> {
            Map<UUID, SyncPlan.Existing> byId = new HashMap<>();
            found.forEach(e -> byId.put(e.member().id, e));
            return new Arrivals(byId, moved);
        }));
    }

    /** Rows of {@code external_id} and a member's columns, with the members' contacts. */
    private Uni<List<SyncPlan.Existing>> withContacts(SqlConnection conn, Uni<RowSet<Row>> query) {
        return query.chain(rows -> {
            List<SyncPlan.Existing> found = new ArrayList<>(rows.size());
            for (Row row : rows) {
                found.add(new SyncPlan.Existing(row.getString("external_id"), MemberStore.member(row), List.of()));
            }
            return contacts.rowsByMember(conn, found.stream().map(e -> e.member().id).toList())
                    // reading thousands of contacts' consents is CPU work: on workers, never the event loop
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(contactRows -> {
                        Map<UUID, List<Contact>> byMember = contacts.byMember(contactRows);
                        return found.stream().map(e -> new SyncPlan.Existing(e.externalId(), e.member(),
                                byMember.getOrDefault(e.member().id, List.of()))).toList();
                    });
        });
    }

    /** The association's ACTIVE members (not erased), with the key it knows each one by, if any; without contacts. */
    public Uni<List<SyncPlan.Existing>> activeMembers(SqlConnection conn, UUID association) {
        return conn.preparedQuery("select r.external_id, m.* from member m left join member_external_ref r "
                        + "on r.member_id = m.id and r.association_id = $1 where m.represented_by = $1 "
                        + "and m.status = 'ACTIVE' and m.erased_at is null order by m.id")
                .execute(Tuple.of(association))
                .map(rows -> {
                    List<SyncPlan.Existing> active = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        active.add(new SyncPlan.Existing(row.getString("external_id"), MemberStore.member(row), List.of()));
                    }
                    return active;
                });
    }

    /** Creates or updates the references of records synced: the digest of what was synced, at which version. */
    public Uni<Void> remember(SqlConnection conn, UUID association, List<SyncPlan.Synced> refs) {
        if (refs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = refs.size();
        String[] key = new String[n];
        UUID[] member = new UUID[n];
        // arrays are encoded from the core Vert.x type, not its Mutiny wrapper
        Buffer[] fingerprint = new Buffer[n];
        Long[] version = new Long[n];
        for (int i = 0; i < n; i++) {
            SyncPlan.Synced r = refs.get(i);
            key[i] = r.externalId();
            member[i] = r.memberId();
            fingerprint[i] = Buffer.buffer(r.fingerprint());
            version[i] = r.version();
        }
        return conn.preparedQuery("insert into member_external_ref (association_id, external_id, member_id, "
                        + "synced_fingerprint, synced_version) select $1, r.external_id, r.member_id, "
                        + "r.fingerprint, r.version from unnest($2::text[], $3::uuid[], $4::bytea[], "
                        + "$5::int8[]) as r(external_id, member_id, fingerprint, version) "
                        + "on conflict (association_id, external_id) do update set "
                        + "synced_fingerprint = excluded.synced_fingerprint, synced_version = excluded.synced_version")
                .execute(Tuple.of(association, key, member, fingerprint, version))
                .replaceWithVoid();
    }

    /** Keeps an applied run: its summary and its result as returned ({@code json}). */
    public Uni<Void> keep(SqlConnection conn, SyncResult result, String summaryJson, String json) {
        return conn.preparedQuery("insert into sync_run (id, association_id, actor, mode, dry_run, forced, outcome, "
                        + "created_at, summary, result) values ($1, $2, $3, $4, $5, $6, $7, $8, cast($9::text as json), "
                        + "cast($10::text as json))")
                .execute(Tuple.tuple(List.of(result.runId(), result.associationId(), result.actor(), result.mode(),
                        result.dryRun(), result.forced(), "applied", result.createdAt().atOffset(ZoneOffset.UTC),
                        summaryJson, json)))
                .replaceWithVoid();
    }

    /** A page of an association's kept runs, the latest first. */
    public Uni<CursorPage<SyncRunSummary>> runs(UUID association, String cursor, int limit) {
        TimeCursor after = TimeCursor.decode(cursor);
        List<Object> params = new ArrayList<>(List.of(association, limit + 1));
        String where = "association_id = $1";
        if (after != null) {
            params.add(after.at());
            params.add(after.id());
            where += " and (created_at, id) < ($3, $4)";
        }
        return pool.preparedQuery("select id, created_at, actor, mode, forced, summary from sync_run where " + where
                        + " order by created_at desc, id desc limit $2")
                .execute(Tuple.from(params))
                .map(rows -> {
                    List<SyncRunSummary> runs = new ArrayList<>();
                    for (Row row : rows) {
                        Map<String, Integer> summary = new LinkedHashMap<>();
                        row.getJsonObject("summary").forEach(e -> summary.put(e.getKey(), ((Number) e.getValue()).intValue()));
                        runs.add(new SyncRunSummary(row.getUUID("id"), row.getOffsetDateTime("created_at").toInstant(),
                                row.getString("actor"), row.getString("mode"), row.getBoolean("forced"), summary));
                    }
                    return CursorPage.of(runs, limit, r -> TimeCursor.key(r.createdAt().atOffset(ZoneOffset.UTC), r.runId()));
                });
    }

    /** A kept run's result as returned then, or null when the association has no run with this id. */
    public Uni<String> run(UUID association, UUID runId) {
        return pool.preparedQuery("select result::text from sync_run where id = $1 and association_id = $2")
                .execute(Tuple.of(runId, association))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }
}
