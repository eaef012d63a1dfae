package eu.impala.membership.sync;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import eu.impala.membership.contact.Contact;
import eu.impala.membership.contact.ContactRole;
import eu.impala.membership.contact.ContactStore;
import eu.impala.membership.member.Member;
import eu.impala.membership.member.MemberLedger;
import eu.impala.membership.member.MemberStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs an association's sync in one transaction: reads what we hold for the batch's keys, plans the diff,
 * and writes it set-based together with history, the delta feed, the events and the run itself.
 */
@ApplicationScoped
public class SyncService {

    private final SyncReader reader;
    private final MemberStore members;
    private final ContactStore contacts;
    private final MemberLedger ledger;
    private final SyncConfig config;
    private final ObjectMapper json;

    public SyncService(SyncReader reader, MemberStore members, ContactStore contacts, MemberLedger ledger,
                       SyncConfig config, ObjectMapper json) {
        this.reader = reader;
        this.members = members;
        this.contacts = contacts;
        this.ledger = ledger;
        this.config = config;
        this.json = json;
    }

    /** A run's result and its JSON, serialised once for the response, the stored run and idempotent replays. */
    public record Ran(SyncResult result, String json) {
    }

    public Uni<Ran> run(SqlConnection conn, Caller caller, UUID association, SyncMode mode, boolean dryRun,
                               boolean force, SyncBatch batch) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, byte[]> fingerprints = new HashMap<>();
        batch.entries().stream().filter(SyncBatch.Entry::valid).forEach(e -> fingerprints.put(e.externalId(), e.fingerprint()));
        Map<String, UUID> confirmed = new HashMap<>();
        Set<String> moved = new HashSet<>();
        // the association's guard, taken exclusively, keeps every other writer of its members out (API, renewal
        // check, another sync): no row locks needed
        return ledger.lockAssociations(conn, List.of(association))
                .chain(() -> conn.preparedQuery("select r.external_id, r.member_id, r.synced_fingerprint, r.synced_version, "
                                + "m.version, m.status, m.represented_by from member_external_ref r "
                                + "join member m on m.id = r.member_id "
                                + "where r.association_id = $1 and r.external_id = any($2)")
                        .execute(Tuple.of(association, fingerprints.keySet().toArray(new String[0]))))
                .chain(refs -> {
                    // only the records that may have changed are loaded and compared, with their contacts
                    List<String> changed = new ArrayList<>();
                    for (Row ref : refs) {
                        String key = ref.getString("external_id");
                        Buffer stored = ref.getBuffer("synced_fingerprint");
                        if (!association.equals(ref.getUUID("represented_by"))) {
                            // the secretariat moved the member to another association (or made it direct): this
                            // association's reference is retired, its record is neither applied nor a new member
                            moved.add(key);
                        } else if (stored != null && java.util.Arrays.equals(stored.getBytes(), fingerprints.get(key))
                                && ref.getLong("version").equals(ref.getLong("synced_version"))
                                && !"LAPSED".equals(ref.getString("status"))) {
                            confirmed.put(key, ref.getUUID("member_id"));
                        } else {
                            changed.add(key);
                        }
                    }
                    return changed.isEmpty() ? Uni.createFrom().item(RowSet.class.cast(null))
                            : conn.preparedQuery("select r.external_id, m.* from member_external_ref r "
                                    + "join member m on m.id = r.member_id where r.association_id = $1 "
                                    + "and r.external_id = any($2) order by m.id")
                            .execute(Tuple.of(association, changed.toArray(new String[0])));
                })
                .chain(rows -> mode == SyncMode.SNAPSHOT
                        ? conn.preparedQuery("select r.external_id, m.* from member m left join member_external_ref r "
                                        + "on r.member_id = m.id and r.association_id = $1 where m.represented_by = $1 "
                                        + "and m.status = 'ACTIVE' and m.erased_at is null order by m.id")
                                .execute(Tuple.of(association)).map(active -> new RowSet[] {rows, active})
                        : Uni.createFrom().item(new RowSet[] {rows, null}))
                .chain(sets -> {
                    Map<String, Member> byKey = new HashMap<>();
                    if (sets[0] != null) {
                        for (Row row : (RowSet<Row>) sets[0]) {
                            byKey.put(row.getString("external_id"), MemberStore.member(row));
                        }
                    }
                    List<Member> active = new ArrayList<>();
                    List<String> activeKeys = new ArrayList<>();
                    if (sets[1] != null) {
                        for (Row row : (RowSet<Row>) sets[1]) {
                            active.add(MemberStore.member(row));
                            activeKeys.add(row.getString("external_id"));
                        }
                    }
                    List<UUID> ids = byKey.values().stream().map(m -> m.id).toList();
                    Uni<RowSet<Row>> loaded = ids.isEmpty() ? Uni.createFrom().nullItem() : contacts.rowsByMember(conn, ids);
                    // planning and building the writes is CPU work (JSON above all): on workers, never the event loop
                    return loaded.emitOn(Infrastructure.getDefaultWorkerPool()).map(contactRows -> {
                        Map<UUID, List<Contact>> contactsByMember = contactRows == null ? Map.of()
                                : contacts.byMember(contactRows);
                        Map<String, SyncPlan.Existing> existing = new HashMap<>();
                        byKey.forEach((key, m) -> existing.put(key, new SyncPlan.Existing(key, m,
                                contactsByMember.getOrDefault(m.id, List.of()))));
                        List<SyncPlan.Existing> activeExisting = new ArrayList<>();
                        for (int i = 0; i < active.size(); i++) {
                            activeExisting.add(new SyncPlan.Existing(activeKeys.get(i), active.get(i), List.of()));
                        }
                        return SyncPlan.of(association, mode, reader.check(batch, confirmed.keySet()), confirmed, moved,
                                existing, activeExisting, now);
                    });
                })
                .chain(plan -> {
                    boolean exceeded = plan.activeBefore > 0 && plan.lapsing > config.maxLapseShare() * plan.activeBefore;
                    SyncResult result = new SyncResult(UUID.randomUUID(), association, mode.wire(),
                            dryRun, force, exceeded, now, caller.actor(), plan.summary(), plan.outcomes);
                    if (dryRun) {
                        return Uni.createFrom().item(new Ran(result, write(result)));
                    }
                    if (exceeded && !force) {
                        throw new ProblemException(409, "snapshot-threshold", "Conflict", String.format(
                                "this snapshot would lapse %d of the association's %d ACTIVE members (%.1f%%), more than "
                                        + "the %.0f%% allowed; check the list, or send force=true if that is intended",
                                plan.lapsing, plan.activeBefore, 100.0 * plan.lapsing / plan.activeBefore,
                                100 * config.maxLapseShare()));
                    }
                    Ran ran = new Ran(result, write(result));
                    return apply(conn, caller, association, plan).chain(() -> store(conn, ran)).replaceWith(ran);
                });
    }

    private Uni<Void> apply(SqlConnection conn, Caller caller, UUID association, SyncPlan plan) {
        List<Contact> demoted = plan.contactUpdates.stream().filter(c -> c.data().role() != ContactRole.PRIMARY).toList();
        List<Contact> promoted = plan.contactUpdates.stream().filter(c -> c.data().role() == ContactRole.PRIMARY).toList();
        // All statements go out at once on the one connection: it pipelines them in this order, so PostgreSQL works
        // on one while the next is encoded, and the foreign keys still see the member rows first.
        List<Uni<Void>> writes = List.of(
                members.insert(conn, plan.inserts),
                // new references and those of records synced again: one upsert records what was synced
                plan.newRefs.isEmpty() && plan.syncedRefs.isEmpty() ? Uni.createFrom().voidItem()
                        : conn.preparedQuery("insert into member_external_ref (association_id, external_id, member_id, "
                                        + "synced_fingerprint, synced_version) select $1, r.external_id, r.member_id, "
                                        + "r.fingerprint, r.version from unnest($2::text[], $3::uuid[], $4::bytea[], "
                                        + "$5::int8[]) as r(external_id, member_id, fingerprint, version) "
                                        + "on conflict (association_id, external_id) do update set "
                                        + "synced_fingerprint = excluded.synced_fingerprint, synced_version = excluded.synced_version")
                                .execute(refs(association, plan.newRefs, plan.syncedRefs))
                                .replaceWithVoid(),
                members.update(conn, plan.updates),
                contacts.delete(conn, plan.contactDeletes),
                // a primary role moving between two contacts: demote first, so that one primary exists at any time
                contacts.update(conn, demoted),
                contacts.update(conn, promoted),
                contacts.insert(conn, plan.contactInserts),
                ledger.record(conn, caller.actor(), plan.memberChanges, plan.contactChanges));
        return Uni.join().all(writes).andCollectFailures().replaceWithVoid();
    }

    private static Tuple refs(UUID association, List<SyncPlan.Synced> created, List<SyncPlan.Synced> synced) {
        List<SyncPlan.Synced> refs = new ArrayList<>(created.size() + synced.size());
        refs.addAll(created);
        refs.addAll(synced);
        int n = refs.size();
        String[] key = new String[n];
        UUID[] member = new UUID[n];
        // arrays are encoded from the core Vert.x type, not its Mutiny wrapper
        io.vertx.core.buffer.Buffer[] fingerprint = new io.vertx.core.buffer.Buffer[n];
        Long[] version = new Long[n];
        for (int i = 0; i < n; i++) {
            SyncPlan.Synced r = refs.get(i);
            key[i] = r.externalId();
            member[i] = r.memberId();
            fingerprint[i] = io.vertx.core.buffer.Buffer.buffer(r.fingerprint());
            version[i] = r.version();
        }
        return Tuple.of(association, key, member, fingerprint, version);
    }

    private Uni<Void> store(SqlConnection conn, Ran ran) {
        SyncResult result = ran.result();
        return conn.preparedQuery("insert into sync_run (id, association_id, actor, mode, dry_run, forced, outcome, "
                        + "created_at, summary, result) values ($1, $2, $3, $4, $5, $6, $7, $8, cast($9::text as json), "
                        + "cast($10::text as json))")
                .execute(Tuple.tuple(List.of(result.runId(), result.associationId(), result.actor(), result.mode(),
                        result.dryRun(), result.forced(), "applied", result.createdAt().atOffset(ZoneOffset.UTC),
                        write(result.summary()), ran.json())))
                .replaceWithVoid();
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
