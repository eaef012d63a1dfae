package eu.impala.commons.outbox;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import eu.impala.commons.events.CloudEvent;
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
 * Publishes outbox rows to Kafka in commit order and marks them sent. Woken right after each commit for low
 * latency; a periodic sweep catches whatever a crash left behind. One relay drains at a time across all
 * replicas (an advisory lock), which keeps the order per aggregate. Delivery is at least once: a crash after
 * sending and before marking republishes, and consumers drop the duplicate by {@code ce_id}.
 *
 * <p>A batch goes to the channel's own producer (its settings: idempotent, acks=all, lz4) in one hand-over to
 * its sending thread rather than as thousands of messages through the emitter, which costs far more CPU per
 * event; the emitter only declares the channel, so that the connector creates that producer and checks it.
 */
@ApplicationScoped
public class OutboxRelay {

    static final String CHANNEL = "impala-outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x1a9a1a0_0bL;

    private final Pool pool;
    private final KafkaClientService kafka;
    private final OutboxConfig config;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wokenWhileDraining = new AtomicBoolean();

    public OutboxRelay(Pool pool, @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
            MutinyEmitter<String> emitter, KafkaClientService kafka, OutboxConfig config) {
        this.pool = pool;
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

    /** Published rows are kept for diagnosis for the retention period, then deleted, now and then. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> cleanUp() {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("delete from outbox_event where sent_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) config.retention().toSeconds()))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("outbox clean-up failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Drains until the outbox is empty; a wake-up during a drain makes it go round once more. */
    void drain() {
        if (!draining.compareAndSet(false, true)) {
            wokenWhileDraining.set(true);
            return;
        }
        wokenWhileDraining.set(false);
        drainAll().subscribe().with(
                published -> finishDrain(),
                failure -> {
                    LOG.warnf("outbox relay failed, the sweep will retry: %s", failure.toString());
                    draining.set(false);
                });
    }

    private void finishDrain() {
        draining.set(false);
        if (wokenWhileDraining.getAndSet(false)) {
            drain();
        }
    }

    private Uni<Integer> drainAll() {
        return publishBatch().chain(n -> n < config.batchSize() ? Uni.createFrom().item(n)
                : drainAll().map(more -> n + more));
    }

    /** One transaction: take the lock, read a batch in commit order, send it, mark it sent. */
    Uni<Integer> publishBatch() {
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(LOCK_KEY))
                .chain(locked -> locked.iterator().next().getBoolean(0) ? sendBatch(conn) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> sendBatch(SqlConnection conn) {
        return conn.preparedQuery("select seq, id, topic, event_type, source, aggregate_id, occurred_at, payload::text "
                        + "from outbox_event where sent_at is null order by seq limit $1")
                .execute(Tuple.of(config.batchSize()))
                .chain(rows -> {
                    List<Long> seqs = new ArrayList<>();
                    List<ProducerRecord<String, String>> records = new ArrayList<>();
                    for (Row row : rows) {
                        seqs.add(row.getLong("seq"));
                        records.add(record(row));
                    }
                    if (seqs.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return send(records)
                            .chain(() -> conn.preparedQuery("update outbox_event set sent_at = now() where seq = any($1)")
                                    .execute(Tuple.of(seqs.toArray(new Long[0]))))
                            .map(updated -> seqs.size());
                });
    }

    private static ProducerRecord<String, String> record(Row row) {
        CloudEvent event = new CloudEvent(row.getUUID("id"), row.getString("source"), row.getString("event_type"),
                row.get(OffsetDateTime.class, "occurred_at"), row.getString("aggregate_id"), row.getString("payload"));
        return new ProducerRecord<>(row.getString("topic"), null, event.subject(), event.data(), event.headers());
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
