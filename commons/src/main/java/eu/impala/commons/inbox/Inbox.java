package eu.impala.commons.inbox;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.events.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The inbox of idempotent consumers: an event's {@code ce_id} is recorded in the same transaction as its effect,
 * so a redelivered event finds its id there and changes nothing.
 */
@ApplicationScoped
public class Inbox {

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
                        : Uni.createFrom().item(Boolean.FALSE)));
    }
}
