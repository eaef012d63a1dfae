package eu.impala.membership.sync;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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
                        + "m.version, m.status, m.represented_by from member_external_ref r "
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
                                row.getUUID("represented_by")));
                    }
                    return refs;
                });
    }

    /** The members under these keys of the association, with their contacts, by key. */
    public Uni<Map<String, SyncPlan.Existing>> members(SqlConnection conn, UUID association, List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return conn.preparedQuery("select r.external_id, m.* from member_external_ref r "
                        + "join member m on m.id = r.member_id where r.association_id = $1 "
                        + "and r.external_id = any($2) order by m.id")
                .execute(Tuple.of(association, keys.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Member> byKey = new HashMap<>();
                    for (Row row : rows) {
                        byKey.put(row.getString("external_id"), MemberStore.member(row));
                    }
                    return byKey;
                })
                .chain(byKey -> contacts.rowsByMember(conn, byKey.values().stream().map(m -> m.id).toList())
                        // reading thousands of contacts' consents is CPU work: on workers, never the event loop
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .map(rows -> {
                            Map<UUID, List<Contact>> byMember = contacts.byMember(rows);
                            Map<String, SyncPlan.Existing> existing = new HashMap<>();
                            byKey.forEach((key, m) -> existing.put(key,
                                    new SyncPlan.Existing(key, m, byMember.getOrDefault(m.id, List.of()))));
                            return existing;
                        }));
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

    /** A kept run's result as returned then, or null when the association has no run with this id. */
    public Uni<String> run(UUID association, UUID runId) {
        return pool.preparedQuery("select result::text from sync_run where id = $1 and association_id = $2")
                .execute(Tuple.of(runId, association))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }
}
