package eu.impala.commons.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.events.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Two consumers whose steps lock the same two rows in opposite order deadlock in PostgreSQL for real; the inbox runs
 * the victim's step again instead of sending its event to the dead-letter topic, so both effects land once.
 */
@QuarkusTest
class InboxDeadlockTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Inbox inbox;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Test
    void aStepThatLosesADeadlockRunsAgainAndBothEventsAreAppliedOnce() {
        String x = "x-" + UUID.randomUUID();
        String y = "y-" + UUID.randomUUID();
        pool.preparedQuery("insert into test_applied (subject, times) values ($1, 0), ($2, 0)")
                .execute(Tuple.of(x, y)).await().atMost(WAIT);
        CompletableFuture<Void> firstHoldsX = new CompletableFuture<>();
        CompletableFuture<Void> secondHoldsY = new CompletableFuture<>();
        AtomicInteger runs = new AtomicInteger();

        var first = inbox.receive(List.of(record(x)), json,
                consumer("commons-deadlock-a", conn -> lockInOrder(conn, x, firstHoldsX, secondHoldsY, y, runs)));
        var second = inbox.receive(List.of(record(y)), json,
                consumer("commons-deadlock-b", conn -> lockInOrder(conn, y, secondHoldsY, firstHoldsX, x, runs)));
        var both = CompletableFuture.allOf(first.subscribeAsCompletionStage(), second.subscribeAsCompletionStage());

        both.orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
        assertEquals(2, times(x), x + " updated by both steps, once each");
        assertEquals(2, times(y), y + " updated by both steps, once each");
        assertEquals(3, runs.get(), "PostgreSQL chose one victim, whose step ran a second time");
    }

    @Test
    void onlyDeadlocksSerializationFailuresLockTimeoutsAndLostConnectionsCountAsTransient() {
        assertTrue(Inbox.isTransient(new RuntimeException(new io.vertx.pgclient.PgException("deadlock detected", "ERROR",
                "40P01", null))));
        assertTrue(Inbox.isTransient(new io.vertx.pgclient.PgException("could not serialize", "ERROR", "40001", null)));
        assertTrue(Inbox.isTransient(new io.vertx.pgclient.PgException("terminating connection", "FATAL", "57P01", null)));
        assertTrue(Inbox.isTransient(new io.vertx.pgclient.PgException("connection failure", "FATAL", "08006", null)));
        assertTrue(Inbox.isTransient(new RuntimeException(io.vertx.sqlclient.ClosedConnectionException.INSTANCE)));
        assertFalse(Inbox.isTransient(new io.vertx.pgclient.PgException("duplicate key", "ERROR", "23505", null)));
        assertFalse(Inbox.isTransient(new IllegalStateException("not SQL at all")));
    }

    /** A consumer whose every round runs {@code step} on the batch's connection. */
    private static BatchConsumer<Object> consumer(String name, java.util.function.Function<SqlConnection, Uni<?>> step) {
        return new BatchConsumer<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Class<Object> type() {
                return Object.class;
            }

            @Override
            public Uni<?> apply(SqlConnection conn, List<Received<Object>> round) {
                return step.apply(conn);
            }
        };
    }

    /** Locks {@code own}, waits until the other step holds its row, then asks for that row too. */
    private static Uni<?> lockInOrder(SqlConnection conn, String own, CompletableFuture<Void> iHoldMine,
                                      CompletableFuture<Void> otherHoldsTheirs, String theirs, AtomicInteger runs) {
        runs.incrementAndGet();
        return increment(conn, own)
                .invoke(() -> iHoldMine.complete(null))
                .chain(() -> Uni.createFrom().completionStage(otherHoldsTheirs))
                .chain(() -> increment(conn, theirs));
    }

    private static Uni<?> increment(SqlConnection conn, String subject) {
        return conn.preparedQuery("update test_applied set times = times + 1 where subject = $1").execute(Tuple.of(subject));
    }

    private int times(String subject) {
        return pool.preparedQuery("select times from test_applied where subject = $1").execute(Tuple.of(subject))
                .await().atMost(WAIT).iterator().next().getInteger(0);
    }

    private static ConsumerRecord<String, String> record(String subject) {
        CloudEvent event = new CloudEvent(UUID.randomUUID(), "/test-producer", "eu.impala.test.locking.v1",
                OffsetDateTime.now(), subject, "{\"label\":\"" + subject + "\"}");
        return new ConsumerRecord<>("commons.test-in.v1", 0, 0L, ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, subject,
                event.data(), event.headers(), java.util.Optional.empty());
    }
}
