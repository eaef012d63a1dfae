package eu.impala.commons.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.events.CloudEvent;
import eu.impala.commons.testapp.AppliedCounter;
import eu.impala.local.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The batch semantics of the inbox, each batch handed to it as the channel would: duplicates, poison records, an
 * effect that fails, a transient failure and a batch delivered again after a crash — every effect exactly once.
 */
@QuarkusTest
class InboxBatchTest {

    private static final String DEAD_LETTER = "commons.test-dead-letter.v1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Inbox inbox;

    @Inject
    AppliedCounter counter;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private long offset;

    @Test
    void anEventTwiceInOneBatchIsAppliedOnceAndOneKeysEventsInArrivalOrder() {
        String s = "s-" + UUID.randomUUID();
        String t = "t-" + UUID.randomUUID();
        ConsumerRecord<String, String> a = record(s, "a");
        List<ConsumerRecord<String, String>> batch = List.of(a, record(t, "x"), record(s, "b"), a, record(s, "c"),
                record(t, "y"));

        receive(batch, counter);

        assertEquals(3, times(s), "a, b and c once each; the copy of a dropped");
        assertEquals(List.of("a", "b", "c"), labels(s), "in the order they arrived");
        assertEquals(List.of("x", "y"), labels(t));
    }

    @Test
    void aBatchDeliveredAgainAfterACrashChangesNothing() {
        // what a consumer killed after its commit and before its offsets were committed gets on restart
        String s = "s-" + UUID.randomUUID();
        List<ConsumerRecord<String, String>> batch = List.of(record(s, "a"), record(s, "b"));
        receive(batch, counter);
        receive(batch, counter);
        assertEquals(List.of("a", "b"), labels(s));
    }

    @Test
    void aPoisonRecordInTheMiddleGoesToTheDeadLetterTopicAndTheRestIsApplied() {
        String s = "s-" + UUID.randomUUID();
        try (KafkaProbe deadLetters = KafkaProbe.reading(kafka, DEAD_LETTER)) {
            ConsumerRecord<String, String> garbage = raw(s, new RecordHeaders(), "not an event " + s);
            CloudEvent unlabelled = new CloudEvent(UUID.randomUUID(), "/test", "eu.impala.test.counted.v1",
                    OffsetDateTime.now(), s, "{\"nolabel\":\"" + s + "\"}");
            receive(List.of(record(s, "a"), garbage, raw(s, unlabelled.headers(), unlabelled.data()), record(s, "b")), counter);

            assertEquals(List.of("a", "b"), labels(s), "the good records on either side applied");
            var first = deadLetters.await(r -> garbage.value().equals(r.value()), WAIT);
            assertTrue(header(first, "dead-letter-reason").contains("ce_specversion"), header(first, "dead-letter-reason"));
            assertEquals("commons-test", header(first, "dead-letter-consumer"));
            var second = deadLetters.await(r -> unlabelled.data().equals(r.value()), WAIT);
            assertTrue(header(second, "dead-letter-reason").contains("has no label"), header(second, "dead-letter-reason"));
        }
    }

    @Test
    void anEffectThatFailsForGoodSetsAsideOnlyItsOwnRecord() {
        String s = "s-" + UUID.randomUUID();
        String t = "t-" + UUID.randomUUID();
        try (KafkaProbe deadLetters = KafkaProbe.reading(kafka, DEAD_LETTER)) {
            ConsumerRecord<String, String> failing = record(t, "fail:" + t);
            receive(List.of(record(s, "a"), failing, record(s, "b"), record(t, "z")), counter);

            assertEquals(List.of("a", "b"), labels(s));
            assertEquals(List.of("z"), labels(t), "the same key's next event still applied");
            var letter = deadLetters.await(r -> failing.value().equals(r.value()), WAIT);
            assertTrue(header(letter, "dead-letter-reason").contains("invalid input syntax"), header(letter, "dead-letter-reason"));
            assertEquals(0, inboxRows(failing), "its inbox row rolled back with it");
        }
    }

    @Test
    void aTransientFailureMidBatchRunsTheWholeBatchAgainAndAppliesEachEventOnce() {
        String s = "s-" + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();
        BatchConsumer<JsonNode> flaky = new BatchConsumer<>() {
            @Override
            public String name() {
                return "commons-test-flaky";
            }

            @Override
            public Class<JsonNode> type() {
                return JsonNode.class;
            }

            @Override
            public Uni<?> apply(SqlConnection conn, List<Received<JsonNode>> round) {
                // the first run writes its effect, then loses a deadlock: all of it must roll back and run again
                return counter.apply(conn, round).chain(() -> runs.incrementAndGet() == 1
                        ? Uni.createFrom().failure(new io.vertx.pgclient.PgException("deadlock detected", "ERROR", "40P01", null))
                        : Uni.createFrom().voidItem());
            }
        };
        receive(List.of(record(s, "a"), record(s + "-other", "q"), record(s, "b")), flaky);

        assertEquals(List.of("a", "b"), labels(s), "each applied once although the first run wrote them too");
        assertEquals(List.of("q"), labels(s + "-other"));
        assertEquals(3, runs.get(), "two rounds (a key twice), the first run again");
    }

    @Test
    void aDatabaseThatStaysUnreachableFailsTheBatchUnacknowledgedAndSetsNothingAside() {
        String s = "s-" + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();
        BatchConsumer<JsonNode> cutOff = new BatchConsumer<>() {
            @Override
            public String name() {
                return "commons-test-cut-off";
            }

            @Override
            public Class<JsonNode> type() {
                return JsonNode.class;
            }

            @Override
            public Uni<?> apply(SqlConnection conn, List<Received<JsonNode>> round) {
                runs.incrementAndGet();
                return Uni.createFrom().failure(new io.vertx.pgclient.PgException("the database system is shutting down",
                        "FATAL", "57P03", null));
            }
        };
        List<ConsumerRecord<String, String>> batch = List.of(record(s, "a"), record(s + "-other", "b"));

        RuntimeException failure = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> inbox.receive(batch, json, cutOff).await().atMost(WAIT));

        assertTrue(Inbox.isTransient(failure), "the batch failed with the outage: " + failure);
        assertTrue(runs.get() > 1, "it was retried first: " + runs.get());
        assertEquals(0.0, registry.counter("impala.inbox.events", "consumer", "commons-test-cut-off", "outcome",
                "dead_lettered").count(), "an outage sends no event to the dead-letter topic");
        assertEquals(0, inboxRows(batch.get(0)), "nothing recorded: the batch comes again after a restart");
    }

    private void receive(List<ConsumerRecord<String, String>> batch, BatchConsumer<JsonNode> consumer) {
        inbox.receive(batch, json, consumer).await().atMost(WAIT);
    }

    private ConsumerRecord<String, String> record(String subject, String label) {
        CloudEvent event = new CloudEvent(UUID.randomUUID(), "/test-producer", "eu.impala.test.counted.v1",
                OffsetDateTime.now(), subject, "{\"label\":\"" + label + "\"}");
        return raw(subject, event.headers(), event.data());
    }

    private ConsumerRecord<String, String> raw(String key, org.apache.kafka.common.header.Headers headers, String value) {
        return new ConsumerRecord<>("commons.test-in.v1", 0, offset++, ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, value, headers,
                java.util.Optional.empty());
    }

    private int times(String subject) {
        var rows = pool.preparedQuery("select times from test_applied where subject = $1").execute(Tuple.of(subject))
                .await().atMost(WAIT);
        return rows.size() == 0 ? 0 : rows.iterator().next().getInteger(0);
    }

    private List<String> labels(String subject) {
        var rows = pool.preparedQuery("select labels from test_applied where subject = $1").execute(Tuple.of(subject))
                .await().atMost(WAIT);
        List<String> labels = new ArrayList<>();
        if (rows.size() == 1) {
            for (String label : rows.iterator().next().getArrayOfStrings(0)) {
                labels.add(label);
            }
        }
        return labels;
    }

    private long inboxRows(ConsumerRecord<String, String> record) {
        UUID id = UUID.fromString(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
        return pool.preparedQuery("select count(*) from inbox_message where event_id = $1").execute(Tuple.of(id))
                .await().atMost(WAIT).iterator().next().getLong(0);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "(no " + name + " header)" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
