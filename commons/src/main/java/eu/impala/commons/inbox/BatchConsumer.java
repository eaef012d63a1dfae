package eu.impala.commons.inbox;

import java.util.List;

import eu.impala.commons.events.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * What an idempotent consumer does with a batch of events, set-based. The inbox reads and checks every record first
 * (a record that fails {@link #check} goes to the dead-letter topic alone), drops the events it has seen, and hands
 * the rest to {@link #apply} in <em>rounds</em>: a round holds each {@link #orderKey} at most once, and rounds run in
 * order, so the events of one key are applied in the order they arrived while a bulk change is one round.
 */
public interface BatchConsumer<T> {

    /** The inbox's name of this consumer: the {@code consumer} column of its inbox rows. */
    String name();

    /** The reader record the events' data is read into (tolerant of fields it does not know). */
    Class<T> type();

    /**
     * Throws {@link eu.impala.commons.events.MalformedEventException} when an event can never be applied; it is
     * called before the transaction, for each record alone.
     */
    default void check(CloudEvent event, T data) {
    }

    /** Events of one key are applied in arrival order: by default the record key (the aggregate id). */
    default String orderKey(Received<T> received) {
        String key = received.record().key();
        return key != null ? key : String.valueOf(received.event().subject());
    }

    /** Applies one round (each order key at most once) on the batch's connection, inside its transaction. */
    Uni<?> apply(SqlConnection conn, List<Received<T>> round);

    /** An effect applied to one event at a time, on the batch's connection. */
    @FunctionalInterface
    interface EventEffect<T> {
        Uni<?> apply(SqlConnection conn, CloudEvent event, T data);
    }

    /**
     * A consumer whose effect is written per event (rare events whose effect is already a set-based fan-out): the
     * events of a round are applied one after the other, all in the batch's one transaction.
     */
    static <T> BatchConsumer<T> eachInTurn(String name, Class<T> type, EventEffect<T> effect) {
        return new BatchConsumer<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Class<T> type() {
                return type;
            }

            @Override
            public Uni<?> apply(SqlConnection conn, List<Received<T>> round) {
                Uni<?> chain = Uni.createFrom().voidItem();
                for (Received<T> r : round) {
                    chain = chain.chain(() -> effect.apply(conn, r.event(), r.data()));
                }
                return chain;
            }
        };
    }
}
