package eu.impala.commons.inbox;

import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.events.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The inbox of idempotent consumers: an event's {@code ce_id} is recorded in the same transaction as its effect,
 * so a redelivered event finds its id there and changes nothing. A step that fails on a deadlock or a serialization
 * conflict runs again (a few times, with backoff) before its record goes to the dead-letter topic.
 */
@ApplicationScoped
public class Inbox {

    /**
     * SQL states after which the whole transaction may simply run again: deadlock detected, serialization failure,
     * lock not available. Two consumers erasing overlapping rows deadlock now and then; dead-lettering such an event
     * would silently skip an erasure.
     */
    static final Set<String> TRANSIENT_SQL_STATES = Set.of("40P01", "40001", "55P03");
    private static final int TRANSIENT_RETRIES = 6;

    /** A consumer's effect on plain SQL: the connection of the inbox's transaction, the event, its data. */
    @FunctionalInterface
    public interface SqlEffect<T> {
        Uni<?> apply(io.vertx.mutiny.sqlclient.SqlConnection conn, CloudEvent event, T data);
    }

    private final io.vertx.mutiny.sqlclient.Pool pool;

    public Inbox(io.vertx.mutiny.sqlclient.Pool pool) {
        this.pool = pool;
    }

    /**
     * The same step as {@link #receive(String, org.apache.kafka.clients.consumer.ConsumerRecord,
     * com.fasterxml.jackson.databind.ObjectMapper, Class, java.util.function.BiFunction)} for consumers that write
     * with plain SQL: the inbox row and {@code effect} share one connection and one transaction.
     */
    public <T> Uni<Void> receiveSql(String consumer, org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record,
                                    com.fasterxml.jackson.databind.ObjectMapper json, Class<T> type, SqlEffect<T> effect) {
        CloudEvent event = CloudEvent.fromKafka(record.headers(), record.value());
        T data = eu.impala.commons.events.EventData.read(json, event, type);
        return pool.withTransaction(conn -> conn.preparedQuery("insert into inbox_message (consumer, event_id, event_type) "
                                + "values ($1, $2, $3) on conflict do nothing")
                        .execute(io.vertx.mutiny.sqlclient.Tuple.of(consumer, event.id(), event.type()))
                        .chain(inserted -> inserted.rowCount() == 1
                                ? effect.apply(conn, event, data).replaceWithVoid()
                                : Uni.createFrom().voidItem()))
                .plug(Inbox::againWhileTransient)
                // the channel sends the record to its dead-letter topic; say why here too, for whoever reads the log
                .onFailure().invoke(e -> org.jboss.logging.Logger.getLogger(Inbox.class).warnf(
                        "%s could not apply %s %s (it goes to the dead-letter topic): %s", consumer, event.type(),
                        event.id(), e.toString()));
    }

    /**
     * The whole of a consumer's step: reads the record as a CloudEvent, its data into the consumer's tolerant
     * reader {@code type}, and applies {@code effect(ce_type, data)} once. A record that cannot be read throws
     * {@link eu.impala.commons.events.MalformedEventException}: the channel's dead-letter strategy takes it.
     */
    public <T> Uni<Void> receive(String consumer, org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record,
                                 com.fasterxml.jackson.databind.ObjectMapper json, Class<T> type,
                                 java.util.function.BiFunction<String, T, Uni<?>> effect) {
        CloudEvent event = CloudEvent.fromKafka(record.headers(), record.value());
        T data = eu.impala.commons.events.EventData.read(json, event, type);
        return receive(consumer, event, e -> effect.apply(e.type(), data)).replaceWithVoid();
    }

    /**
     * Applies {@code effect} to {@code event} once for {@code consumer}.
     *
     * @return true when the effect was applied, false when the event had been received before
     */
    public Uni<Boolean> receive(String consumer, CloudEvent event, Function<CloudEvent, Uni<?>> effect) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into inbox_message (consumer, event_id, event_type) values (?1, ?2, ?3) "
                                + "on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, event.id())
                .setParameter(3, event.type())
                .executeUpdate())
                .chain(inserted -> inserted == 1
                        ? effect.apply(event).replaceWith(Boolean.TRUE)
                        : Uni.createFrom().item(Boolean.FALSE)))
                .plug(Inbox::againWhileTransient);
    }

    /** Subscribes to {@code step} again (a new transaction) while it fails transiently, a few times at most. */
    private static <T> Uni<T> againWhileTransient(Uni<T> step) {
        return step.onFailure(Inbox::isTransient).retry()
                .withBackOff(Duration.ofMillis(20), Duration.ofSeconds(1)).withJitter(0.5).atMost(TRANSIENT_RETRIES);
    }

    /** Whether {@code failure} was caused by a PostgreSQL error after which the transaction can be run again. */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg) {
                return TRANSIENT_SQL_STATES.contains(pg.getSqlState());
            }
        }
        return false;
    }
}
