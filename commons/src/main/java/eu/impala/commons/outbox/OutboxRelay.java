package eu.impala.commons.outbox;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import eu.impala.commons.events.CloudEvent;
import eu.impala.commons.tracing.EventSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes outbox rows to Kafka in commit order without writing to the rows: it keeps one position, the snapshot of
 * the transactions whose rows are all published, and each drain publishes the rows of the transactions that have
 * committed since (see {@link #NEXT_ROWS}). Woken right after each commit for low latency; a periodic sweep catches
 * whatever a crash left behind. One relay drains at a time across all replicas (an advisory lock). Delivery is at
 * least once: a crash after sending and before the position moves republishes, and consumers drop the duplicate by
 * {@code ce_id}. Published rows are kept for {@link OutboxConfig#retention()}, then pruned in bulk.
 *
 * <p>A batch goes to the channel's own producer (its settings: idempotent, acks=all, lz4) in one hand-over to
 * its sending thread rather than as thousands of messages through the emitter, which costs far more CPU per
 * event; the emitter only declares the channel, so that the connector creates that producer and checks it.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "impala-outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x1a9a1a0_0bL;

    /**
     * Starts a window unless one is being drained: its target is the current snapshot, and its first row comes after
     * the smallest seq of any row not yet published (found through the tx index, since such rows have tx >= xmin).
     * The subquery is fenced ({@code offset 0}) so that PostgreSQL cannot turn {@code min(seq)} into a walk along the
     * primary key from its start: that walk passes every published row kept for the retention (13 ms at 12,500 rows,
     * growing with the table; 1 ms fenced). A window with no row starts after the last seq drawn, so that reading it
     * does not walk the table either (the sequence is read rather than the rows: {@code outbox_rows} may be a union
     * whose largest seq no index gives). {@code outbox_rows} has one row per seq that carries events, without them. pg_current_snapshot() is the statement's own snapshot, the one min(seq) was
     * found in.
     */
    private static final String OPEN_WINDOW = "update outbox_position p set window_target = pg_current_snapshot(), "
            + "after_seq = coalesce((select min(u.seq) from (select o.seq from outbox_rows o "
            + "where o.tx >= pg_snapshot_xmin(p.published) and not pg_visible_in_snapshot(o.tx, p.published) offset 0) u) - 1, "
            + "pg_sequence_last_value('outbox_event_seq_seq'), 0) where p.window_target is null";

    /**
     * The events of the window's next rows (at most $1 rows, in seq order): rows written by transactions that had
     * committed at its target but not at the published position. A transaction still running at the target is in
     * neither snapshot and comes in a later window, so a row that commits after a later row was published is never
     * skipped; seq order keeps each aggregate's order, because two writers of one aggregate are serialised by its row
     * lock and the later one takes its seq later. The rows are chosen in {@code outbox_rows}, which does not read
     * events, and only theirs are read from {@code outbox_messages} (a row there may stand for several events): read
     * whole and cut afterwards, a window behind by a whole sync had all its 250,000 events parsed for each batch.
     * The position is read in scalar subqueries (computed once, before the scan) rather than joined: joined, the
     * prepared statement's generic plan walked the whole table along the primary key and compared each row with the
     * position (12,500 rows, 11–22 ms a drain); as values they bound an index range (tx, seq) of the window's rows.
     */
    private static final String NEXT_ROWS = "select o.seq, o.id, o.topic, o.event_type, o.source, o.aggregate_id, "
            + "o.occurred_at, o.payload::text, o.traceparent from outbox_messages o where o.seq = any(array("
            // rows are taken while the events before them are fewer than $1: a batch holds about $1 events, even when
            // one row carries many (a member synced with fifty contacts), and always at least one row
            + "select w.seq from (select n.seq, sum(n.events) over (order by n.seq) - n.events as before from ("
            + "select r.seq, r.events from outbox_rows r "
            + "where r.seq > (select after_seq from outbox_position) "
            + "and r.tx >= (select pg_snapshot_xmin(published) from outbox_position) "
            + "and r.tx < (select pg_snapshot_xmax(window_target) from outbox_position) "
            + "and not pg_visible_in_snapshot(r.tx, (select published from outbox_position)) "
            + "and pg_visible_in_snapshot(r.tx, (select window_target from outbox_position)) "
            + "order by r.seq limit $1) n) w where w.before < $1)) "
            + "order by o.seq, o.ord";

    private static final String ADVANCE = "update outbox_position set after_seq = $1, moved_at = now()";

    private static final String CLOSE_WINDOW = "update outbox_position set published = window_target, window_target = null, "
            + "after_seq = null, moved_at = now()";

    private final Pool pool;
    private final OutboxMetrics metrics;
    private final KafkaClientService kafka;
    private final OutboxConfig config;
    private final EventSpans spans;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wokenWhileDraining = new AtomicBoolean();

    public OutboxRelay(Pool pool, @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
            MutinyEmitter<String> emitter, KafkaClientService kafka, OutboxConfig config, OutboxMetrics metrics,
            EventSpans spans) {
        this.pool = pool;
        this.spans = spans;
        this.metrics = metrics;
        this.kafka = kafka;
        this.config = config;
    }

    private volatile boolean stopping;

    /** Rows still unsent at shutdown stay in the table; the next start's sweep publishes them. */
    void stop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
    }

    /** Called after a commit that wrote outbox rows. */
    public void wakeUp() {
        if (config.publishAfterCommit() && !stopping) {
            drain();
        }
    }

    @Scheduled(every = "${impala.outbox.sweep-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!stopping) {
            drain();
        }
    }

    /** Published rows are kept for replay and audit for the retention period, then deleted in bulk, now and then. */
    @Scheduled(every = "${impala.outbox.prune-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> cleanUp() {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        return prune()
                .onFailure().invoke(e -> LOG.warnf("outbox clean-up failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes the published rows older than the retention; returns how many. */
    Uni<Integer> prune() {
        return pool.preparedQuery("delete from outbox_event o using outbox_position p "
                        + "where o.occurred_at < now() - make_interval(secs => $1) "
                        + "and o.tx < pg_snapshot_xmax(p.published) and pg_visible_in_snapshot(o.tx, p.published)")
                .execute(Tuple.of((double) config.retention().toSeconds()))
                .map(rows -> rows.rowCount());
    }

    /** Drains until the outbox is empty; a wake-up during a drain makes it go round once more. */
    void drain() {
        if (!draining.compareAndSet(false, true)) {
            wokenWhileDraining.set(true);
            return;
        }
        wokenWhileDraining.set(false);
        // apart from whatever woke it: a request's ids and span are not the relay's
        spans.apart(() -> drainAll().onFailure().invoke(failure -> LOG.warnf("outbox relay failed, the sweep will "
                        + "retry: %s", failure.toString())))
                .subscribe().with(published -> finishDrain(), failure -> draining.set(false));
    }

    private void finishDrain() {
        draining.set(false);
        if (wokenWhileDraining.getAndSet(false)) {
            drain();
        }
    }

    private Uni<Integer> drainAll() {
        return publishBatch().chain(batch -> batch.drained() ? Uni.createFrom().item(batch.events())
                : drainAll().map(more -> batch.events() + more));
    }

    /** What one batch published, and whether it was the window's last (a drain stops there). */
    record Batch(int events, boolean drained) {
        static final Batch NONE = new Batch(0, true);
    }

    /** One transaction: take the lock, read the next rows of the window in seq order, send them, move the position. */
    Uni<Batch> publishBatch() {
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_try_advisory_xact_lock($1)")
                        .execute(Tuple.of(LOCK_KEY))
                        .chain(locked -> locked.iterator().next().getBoolean(0) ? sendBatch(conn)
                                : Uni.createFrom().item(Batch.NONE)))
                // counted once the position moved: a failed commit publishes them again
                .invoke(batch -> metrics.published(batch.events()));
    }

    private Uni<Batch> sendBatch(SqlConnection conn) {
        long t0 = System.nanoTime();
        // a batch's events are sorted in memory rather than in temporary files (25,000 events are some 10 MB)
        return conn.query("set local work_mem = '32MB'").execute()
                .chain(() -> conn.query(OPEN_WINDOW).execute())
                .chain(() -> conn.preparedQuery(NEXT_ROWS).execute(Tuple.of(config.batchSize())))
                .chain(rows -> {
                    long read = System.nanoTime();
                    List<ProducerRecord<String, String>> records = new ArrayList<>(rows.size());
                    Set<String> origins = new LinkedHashSet<>();
                    String lastOrigin = null;
                    long last = -1;
                    int seqs = 0;
                    for (Row row : rows) {
                        String origin = row.getString("traceparent");
                        records.add(record(row, origin));
                        // a bulk change's events share one context: compared with the last before it is hashed
                        if (origin != null && !origin.equals(lastOrigin) && origins.size() < EventSpans.MAX_TRACES) {
                            origins.add(origin);
                            lastOrigin = origin;
                        }
                        long seq = row.getLong("seq");
                        if (seq != last) {
                            seqs++;
                            last = seq;
                        }
                    }
                    long lastSeq = last;
                    // fewer rows and fewer events than a batch holds: nothing of the window is left (a batch cut
                    // short by its events is followed by another, which may find nothing)
                    boolean windowDrained = seqs < config.batchSize() && records.size() < config.batchSize();
                    Uni<Void> sent = records.isEmpty() ? Uni.createFrom().voidItem() : traced(() -> send(records)
                            .invoke(() -> LOG.debugf("relay: %d events read in %d ms, sent in %d ms", records.size(),
                                    (read - t0) / 1_000_000, (System.nanoTime() - read) / 1_000_000)), origins, records.size());
                    return sent.chain(() -> windowDrained
                                    ? conn.query(CLOSE_WINDOW).execute()
                                    : conn.preparedQuery(ADVANCE).execute(Tuple.of(lastSeq)))
                            .map(moved -> new Batch(records.size(), windowDrained));
                });
    }

    private ProducerRecord<String, String> record(Row row, String traceparent) {
        String source = row.getString("source");
        CloudEvent event = new CloudEvent(row.getUUID("id"), source == null ? config.source() : source, row.getString("event_type"),
                row.get(OffsetDateTime.class, "occurred_at"), row.getString("aggregate_id"), row.getString("payload"),
                traceparent);
        return new ProducerRecord<>(row.getString("topic"), null, event.subject(), event.data(), event.headers());
    }

    /**
     * The batch's span, linking the traces its events came from, from the hand-over to the last acknowledgement; the
     * sending and what follows it log within it.
     */
    private Uni<Void> traced(Supplier<Uni<Void>> sending, Set<String> origins, int events) {
        return Uni.createFrom().deferred(() -> {
            Span span = spans.publishing(origins, events);
            return spans.within(span, sending).onTermination().invoke((ok, failure, cancelled) -> {
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR);
                }
                span.end();
            });
        });
    }

    /** Sends in order on the producer's sending thread; completes once every record is acknowledged. */
    private Uni<Void> send(List<ProducerRecord<String, String>> records) {
        KafkaProducer<String, String> producer;
        try {
            producer = kafka.getProducer(CHANNEL);
        } catch (RuntimeException e) {
            producer = null;
        }
        if (producer == null) {
            return Uni.createFrom().failure(new IllegalStateException("the outbox producer is not connected yet"));
        }
        return producer.runOnSendingThread(p -> {
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            AtomicInteger pending = new AtomicInteger(records.size());
            for (ProducerRecord<String, String> record : records) {
                p.send(record, (metadata, failure) -> {
                    if (failure != null) {
                        acknowledged.completeExceptionally(failure);
                    } else if (pending.decrementAndGet() == 0) {
                        acknowledged.complete(null);
                    }
                });
            }
            return acknowledged;
        }).chain(acknowledged -> Uni.createFrom().completionStage(acknowledged));
    }

    /** For tests and diagnostics: the id of the event a row carries is its {@code ce_id}. */
    static UUID eventId(Row row) {
        return row.getUUID("id");
    }
}
