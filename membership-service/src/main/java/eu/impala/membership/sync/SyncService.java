package eu.impala.membership.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.idempotency.Idempotency;
import eu.impala.commons.outbox.Outbox;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import eu.impala.membership.contact.Contact;
import eu.impala.membership.contact.ContactRole;
import eu.impala.membership.contact.ContactStore;
import eu.impala.membership.duplicate.Duplicates;
import eu.impala.membership.member.Member;
import eu.impala.membership.member.MemberLedger;
import eu.impala.membership.member.MemberStore;
import eu.impala.membership.member.NationalAssociations;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Runs an association's sync: reads the request once, then in one transaction reads what we hold for the batch's
 * keys, plans the diff, and writes it set-based together with history, the delta feed, the events and the run itself.
 */
@ApplicationScoped
public class SyncService {

    private static final Logger LOG = Logger.getLogger(SyncService.class);

    private final SyncReader reader;
    private final SyncStore store;
    private final MemberStore members;
    private final ContactStore contacts;
    private final MemberLedger ledger;
    private final Outbox outbox;
    private final Idempotency idempotency;
    private final SyncConfig config;
    private final ObjectMapper json;
    private final SyncMetrics metrics;
    private final NationalAssociations associations;
    private final Duplicates duplicates;

    public SyncService(SyncReader reader, SyncStore store, MemberStore members, ContactStore contacts, MemberLedger ledger,
                       Outbox outbox, Idempotency idempotency, SyncConfig config, ObjectMapper json, SyncMetrics metrics,
                       NationalAssociations associations, Duplicates duplicates) {
        this.duplicates = duplicates;
        this.reader = reader;
        this.store = store;
        this.members = members;
        this.contacts = contacts;
        this.ledger = ledger;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.config = config;
        this.json = json;
        this.metrics = metrics;
        this.associations = associations;
    }

    /** A run's result and its JSON, serialised once for the response, the stored run and idempotent replays. */
    private record Ran(SyncResult result, String json) {
    }

    /**
     * Syncs {@code request} into the association's members; the same Idempotency-Key answers the first response
     * again. The response's location names the kept run, except in a dry run.
     */
    public Uni<Idempotency.StoredResponse> sync(Caller caller, UUID association, SyncRequest request) {
        // Who may, and whether the request can be read at all, are settled before the transaction and the
        // association's write guard: a refused request never queues behind a sync, nor makes one wait.
        caller.requireAssociation(association);
        SyncMode mode = request.syncMode();
        if (request.idempotencyKey() != null) {
            Idempotency.validate(request.idempotencyKey());
        }
        long started = System.nanoTime();
        // the run this request made, if it made one (a replayed Idempotency-Key makes none): counted once committed
        AtomicReference<SyncResult> made = new AtomicReference<>();
        // only an ACTIVE national association syncs: the id is checked after who may, so it tells nothing of others'
        return associations.requireActive(association)
                // reading 10,000 records is CPU work: done on worker threads, never on the event loop
                .chain(() -> Uni.createFrom().item(() -> new Read(reader.read(request.body(), request.csv()),
                                request.fingerprint(association)))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .chain(read -> outbox.inTransaction(conn -> idempotency.once(conn, "sync:" + association,
                        request.idempotencyKey(), read.fingerprint(),
                        () -> run(conn, caller, association, mode, request, read.batch())
                                .invoke(ran -> made.set(ran.result()))
                                .map(ran -> new Idempotency.StoredResponse(200, ran.json(), request.dryRun() ? null
                                        : "/api/v1/associations/" + association + "/sync/runs/" + ran.result().runId())))))
                .invoke(() -> {
                    SyncResult run = made.get();
                    if (run != null) {
                        Duration took = Duration.ofNanos(System.nanoTime() - started);
                        metrics.completed(run, took);
                        // ids and counts only: what the records say about people never reaches the log
                        LOG.infof("sync run %s of association %s (%s%s): %s in %d ms", run.runId(), association, run.mode(),
                                run.dryRun() ? ", dry run" : "", run.summary(), took.toMillis());
                    }
                });
    }

    /** A kept run's result, as returned then. */
    public Uni<String> keptRun(Caller caller, UUID association, UUID runId) {
        caller.requireAssociation(association);
        return store.run(association, runId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("sync run " + runId));
    }

    /** The association's kept runs, the latest first: the same callers as a run's own result. */
    public Uni<CursorPage<SyncRunSummary>> keptRuns(Caller caller, UUID association, String cursor, int limit) {
        caller.requireAssociation(association);
        return store.runs(association, cursor, limit);
    }

    /** The request as read on a worker: its records, and its digest for the Idempotency-Key. */
    private record Read(SyncBatch batch, String fingerprint) {
    }

    private Uni<Ran> run(SqlConnection conn, Caller caller, UUID association, SyncMode mode, SyncRequest request,
                         SyncBatch batch) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, byte[]> digests = batch.digests();
        // the association's guard, taken exclusively, keeps every other writer of its members out (API, renewal
        // check, another sync): no row locks needed
        return ledger.lockAssociations(conn, List.of(association))
                .chain(() -> store.references(conn, association, digests.keySet()))
                .chain(stored -> held(conn, association, mode, SyncReferences.of(association, stored, digests)))
                // validating and planning is CPU work (JSON above all): on workers, never the event loop
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(held -> new Checked(held, batch.checked(held.references().confirmed().keySet())))
                .chain(checked -> store.arrivals(conn, association, checked.claimed(),
                                checked.held().references().size() < digests.size())
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .map(arrivals -> SyncPlan.of(association, caller.isPlatformAdmin(), mode, config.maxLapseShare(),
                                checked.batch(), checked.held().with(arrivals), now)))
                .chain(plan -> warned(conn, caller, association, plan).map(outcomes -> new Warned(plan, outcomes)))
                .chain(warned -> {
                    SyncPlan plan = warned.plan();
                    SyncResult result = new SyncResult(UUID.randomUUID(), association, mode.wire(),
                            request.dryRun(), request.force(), plan.thresholdExceeded(), now, caller.actor(),
                            plan.summary(), warned.outcomes());
                    Ran ran = new Ran(result, write(result));
                    if (request.dryRun()) {
                        return Uni.createFrom().item(ran);
                    }
                    plan.requireWithinThreshold(request.force());
                    return apply(conn, caller, association, plan)
                            .chain(() -> store.keep(conn, result, write(result.summary()), ran.json()))
                            .replaceWith(ran);
                });
    }

    /** A plan, and its outcomes with the warnings of possible duplicates. */
    private record Warned(SyncPlan plan, List<SyncOutcome> outcomes) {
    }

    /**
     * The plan's outcomes, a created or updated record that looks like a direct member or one of another association
     * carrying a warning: one statement for the whole batch, before anything is written (a record never matches
     * itself, nor a member of the association: those are its own business). Only the secretariat's result names the
     * other members. Unchanged records cost nothing here.
     */
    private Uni<List<SyncOutcome>> warned(SqlConnection conn, Caller caller, UUID association, SyncPlan plan) {
        Map<UUID, Member> written = new HashMap<>();
        plan.inserts.forEach(m -> written.put(m.id, m));
        plan.updates.forEach(m -> written.put(m.id, m));
        List<Integer> applied = new ArrayList<>();
        List<Duplicates.Keys> keys = new ArrayList<>();
        for (int i = 0; i < plan.outcomes.size(); i++) {
            SyncOutcome outcome = plan.outcomes.get(i);
            Member member = written.get(outcome.memberId());
            if (member != null && (outcome.result() == SyncOutcome.Result.CREATED
                    || outcome.result() == SyncOutcome.Result.UPDATED)) {
                applied.add(i);
                keys.add(Duplicates.Keys.of(member.vatNumber, member.website, member.legalName, member.country));
            }
        }
        if (applied.isEmpty()) {
            return Uni.createFrom().item(plan.outcomes);
        }
        // never the other members' ids, whoever syncs: the result is kept, and the association reads its runs later
        return duplicates.warnings(conn, keys, association, false)
                // the result's JSON and the statements' parameters are built on workers, as before
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(warnings -> {
                    List<SyncOutcome> outcomes = new ArrayList<>(plan.outcomes);
                    for (int j = 0; j < applied.size(); j++) {
                        if (warnings.get(j) != null) {
                            int i = applied.get(j);
                            outcomes.set(i, outcomes.get(i).warned(warnings.get(j)));
                        }
                    }
                    return outcomes;
                });
    }

    /** What we hold for a batch, and the batch checked: its records name the members they adopt (memberId). */
    private record Checked(SyncPlan.Held held, SyncBatch batch) {

        List<UUID> claimed() {
            return batch.entries().stream().filter(e -> e.valid() && e.record() != null && e.record().memberId() != null)
                    .map(e -> e.record().memberId()).distinct().toList();
        }
    }

    /** What we hold for the batch: only the records that may have changed are loaded and compared, with their contacts. */
    private Uni<SyncPlan.Held> held(SqlConnection conn, UUID association, SyncMode mode, SyncReferences references) {
        Uni<List<SyncPlan.Existing>> active = mode == SyncMode.SNAPSHOT ? store.activeMembers(conn, association)
                : Uni.createFrom().item(List.of());
        return store.members(conn, association, references.toCompare())
                .chain(existing -> active.map(members -> new SyncPlan.Held(references, existing, members)));
    }

    private Uni<Void> apply(SqlConnection conn, Caller caller, UUID association, SyncPlan plan) {
        List<Contact> demoted = plan.contactUpdates.stream().filter(c -> c.data().role() != ContactRole.PRIMARY).toList();
        List<Contact> promoted = plan.contactUpdates.stream().filter(c -> c.data().role() == ContactRole.PRIMARY).toList();
        List<SyncPlan.Synced> refs = new ArrayList<>(plan.newRefs.size() + plan.syncedRefs.size());
        refs.addAll(plan.newRefs);
        refs.addAll(plan.syncedRefs);
        // All statements go out at once on the one connection: it pipelines them in this order, so PostgreSQL works
        // on one while the next is encoded, and the foreign keys still see the member rows first.
        List<Uni<Void>> writes = List.of(
                members.insert(conn, plan.inserts),
                // new references and those of records synced again: one upsert records what was synced
                store.remember(conn, association, refs),
                members.update(conn, plan.updates),
                contacts.delete(conn, plan.contactDeletes),
                // a primary role moving between two contacts: demote first, so that one primary exists at any time
                contacts.update(conn, demoted),
                contacts.update(conn, promoted),
                contacts.insert(conn, plan.contactInserts),
                ledger.record(conn, caller.actor(), plan.memberChanges, plan.contactChanges));
        return Uni.join().all(writes).andCollectFailures().replaceWithVoid();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
