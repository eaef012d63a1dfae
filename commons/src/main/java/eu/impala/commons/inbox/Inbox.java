package eu.impala.commons.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.events.CloudEvent;
import eu.impala.commons.events.EventData;
import eu.impala.commons.tracing.BatchTrace;
import eu.impala.commons.tracing.EventSpans;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The inbox of idempotent consumers, in batches: the {@code ce_id}s of a batch are recorded set-based in the same
 * transaction as their effects, so a redelivered event (or one that comes twice in a batch) changes nothing.
 *
 * <ul>
 * <li>Every record is read and checked before the transaction; one that can never be applied goes to the
 * dead-letter topic alone and the others go on.</li>
 * <li>A transaction that fails transiently (deadlock, serialization failure, lock timeout, lost connection, database
 * restarting) runs again with backoff; if it still fails so after {@code impala.inbox.retry-for}, the batch fails
 * unacknowledged (the channel reports itself down and the batch comes again after a restart). One that fails
 * otherwise is applied record by record, each in its own transaction, so that a bad effect sets aside only its own
 * record.</li>
 * <li>The returned {@code Uni} completes after the commit (and after any dead letter is acknowledged); only then does
 * the channel acknowledge the batch and commit its offsets.</li>
 * </ul>
 */
@ApplicationScoped
public class Inbox {

    /**
     * SQL states after which the whole transaction may simply run again: deadlock detected, serialization failure,
     * lock not available, the connection's failures (class 08) and a server shutting down or starting up.
     */
    static final Set<String> TRANSIENT_SQL_STATES = Set.of("40P01", "40001", "55P03", "57P01", "57P02", "57P03");

    private final Pool pool;
    private final DeadLetters deadLetters;
    private final InboxMetrics metrics;
    private final InboxConfig config;
    private final EventSpans spans;

    public Inbox(Pool pool, DeadLetters deadLetters, InboxMetrics metrics, InboxConfig config, EventSpans spans) {
        this.pool = pool;
        this.spans = spans;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.config = config;
    }

    /** Applies the records of one poll (a channel with {@code batch=true}) once each; see the class comment. */
    public <T> Uni<Void> receive(ConsumerRecords<String, String> records, ObjectMapper json, BatchConsumer<T> consumer) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        return receive(list, json, consumer);
    }

    /** Applies {@code records}, in their order, once each; see the class comment. */
    public <T> Uni<Void> receive(List<ConsumerRecord<String, String>> records, ObjectMapper json, BatchConsumer<T> consumer) {
        long started = System.nanoTime();
        Map<UUID, Received<T>> readable = new LinkedHashMap<>();
        Uni<Void> setAside = Uni.createFrom().voidItem();
        int twiceInBatch = 0;
        for (ConsumerRecord<String, String> record : records) {
            try {
                CloudEvent event = CloudEvent.fromKafka(record.headers(), record.value());
                T data = EventData.read(json, event, consumer.type());
                consumer.check(event, data);
                if (readable.putIfAbsent(event.id(), new Received<>(record, event, data)) != null) {
                    twiceInBatch++;
                }
            } catch (RuntimeException poison) {
                setAside = setAside.chain(() -> deadLetter(consumer, record, poison));
            }
        }
        List<Received<T>> events = new ArrayList<>(readable.values());
        int duplicates = twiceInBatch;
        return setAside
                .chain(() -> events.isEmpty() ? Uni.createFrom().voidItem() : traced(consumer, events))
                .invoke(() -> {
                    metrics.duplicates(consumer.name(), duplicates);
                    metrics.batch(consumer.name(), records.size(), Duration.ofNanos(System.nanoTime() - started));
                });
    }

    /**
     * The whole batch in one transaction; if it fails for good, each event alone. A failure that is still transient
     * when the retries run out (the database unreachable for longer than {@code impala.inbox.retry-for}) is not the
     * events' fault: it fails the batch, unacknowledged, so that the channel reports itself down and the batch comes
     * again after a restart, rather than an outage sending good events to the dead-letter topic.
     */
    /**
     * The batch's spans around its application: the batch's own, linking its events' traces, and one in each of those
     * traces (see {@link EventSpans#receiving}).
     */
    private <T> Uni<Void> traced(BatchConsumer<T> consumer, List<Received<T>> events) {
        return Uni.createFrom().deferred(() -> {
            BatchTrace trace = spans.receiving(consumer.name(), events.stream().map(e -> e.event().traceparent()).toList());
            return applyOrSplit(consumer, events, trace)
                    .onTermination().invoke((ok, failure, cancelled) -> trace.end(failure));
        });
    }

    private <T> Uni<Void> applyOrSplit(BatchConsumer<T> consumer, List<Received<T>> events, BatchTrace trace) {
        if (events.size() == 1) {
            return alone(consumer, events.get(0), trace);
        }
        return inTransaction(consumer, events, trace)
                .onFailure(failure -> !isTransient(failure)).recoverWithUni(failure -> oneByOne(consumer, events, trace));
    }

    private <T> Uni<Void> oneByOne(BatchConsumer<T> consumer, List<Received<T>> events, BatchTrace trace) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Received<T> event : events) {
            chain = chain.chain(() -> alone(consumer, event, trace));
        }
        return chain;
    }

    /** One event in its own transaction; if its effect fails for good, it goes to the dead-letter topic. */
    private <T> Uni<Void> alone(BatchConsumer<T> consumer, Received<T> event, BatchTrace trace) {
        return inTransaction(consumer, List.of(event), trace)
                .onFailure(failure -> !isTransient(failure))
                .recoverWithUni(failure -> deadLetter(consumer, event.record(), failure));
    }

    /**
     * The inbox rows and the effects of {@code events} in one transaction. The transaction's setting
     * {@code impala.traceparent} holds the trace context its effects should carry ({@link BatchTrace#contextFor}): a
     * table whose rows are acted on later (notifications' emails) takes it as a column default. It is set in the inbox
     * statement itself, not by a round trip of its own.
     */
    private <T> Uni<Void> inTransaction(BatchConsumer<T> consumer, List<Received<T>> events, BatchTrace trace) {
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        List<String> traceparents = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids[i] = events.get(i).event().id();
            types[i] = events.get(i).type();
            traceparents.add(events.get(i).event().traceparent());
        }
        String context = Objects.requireNonNullElse(trace.contextFor(traceparents), "");
        // in the span of that context, so that the lines written for these events carry its ids
        return spans.within(trace.spanFor(traceparents), () -> pool.withTransaction(conn -> conn.preparedQuery("with trace as materialized ("
                                + "select set_config('impala.traceparent', $4, true)) "
                                + "insert into inbox_message (consumer, event_id, event_type) "
                                + "select $1, e.id, e.type from unnest($2::uuid[], $3::text[]) as e(id, type), trace "
                                + "on conflict do nothing returning event_id")
                        .execute(Tuple.of(consumer.name(), ids, types, context))
                        .chain(inserted -> {
                            Set<UUID> fresh = new HashSet<>();
                            for (Row row : inserted) {
                                fresh.add(row.getUUID(0));
                            }
                            List<Received<T>> toApply = events.stream().filter(e -> fresh.contains(e.event().id())).toList();
                            return applyInRounds(conn, consumer, toApply).replaceWith(toApply.size());
                        })))
                .plug(this::againWhileTransient)
                .invoke(applied -> {
                    metrics.applied(consumer.name(), applied);
                    metrics.duplicates(consumer.name(), n - applied);
                })
                .replaceWithVoid();
    }

    private static <T> Uni<Void> applyInRounds(SqlConnection conn, BatchConsumer<T> consumer, List<Received<T>> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<Received<T>> round : rounds(consumer, events)) {
            chain = chain.chain(() -> consumer.apply(conn, round).replaceWithVoid());
        }
        return chain;
    }

    /** Round k holds the k-th event of each order key, so one key's events are applied in arrival order. */
    static <T> List<List<Received<T>>> rounds(BatchConsumer<T> consumer, List<Received<T>> events) {
        Map<String, Integer> seen = new HashMap<>();
        List<List<Received<T>>> rounds = new ArrayList<>();
        for (Received<T> event : events) {
            int k = seen.merge(consumer.orderKey(event), 1, Integer::sum) - 1;
            if (rounds.size() == k) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(k).add(event);
        }
        return rounds;
    }

    private <T> Uni<Void> deadLetter(BatchConsumer<T> consumer, ConsumerRecord<String, String> record, Throwable reason) {
        return deadLetters.send(consumer.name(), record, reason).invoke(() -> metrics.deadLettered(consumer.name()));
    }

    /** Subscribes to {@code step} again (a new transaction) while it fails transiently, for a while at most. */
    private <T> Uni<T> againWhileTransient(Uni<T> step) {
        return step.onFailure(Inbox::isTransient).retry()
                .withBackOff(config.retryBackoff(), config.retryMaxBackoff()).withJitter(0.5)
                .expireIn(config.retryFor().toMillis());
    }

    /** Whether {@code failure} was caused by an error after which the transaction can be run again as it is. */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg) {
                return pg.getSqlState() != null
                        && (TRANSIENT_SQL_STATES.contains(pg.getSqlState()) || pg.getSqlState().startsWith("08"));
            }
            if (t instanceof io.vertx.sqlclient.ClosedConnectionException || t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }
}
