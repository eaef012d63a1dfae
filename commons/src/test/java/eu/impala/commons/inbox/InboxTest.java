package eu.impala.commons.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import eu.impala.commons.events.CloudEvent;
import eu.impala.local.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class InboxTest {

    private static final String IN = "commons.test-in.v1";
    private static final String DEAD_LETTER = "commons.test-dead-letter.v1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void redeliveredEventIsAppliedOnce() {
        String subject = "subject-" + UUID.randomUUID();
        CloudEvent event = event(subject);
        KafkaProbe.send(kafka, IN, subject, event.headers(), event.data());
        KafkaProbe.send(kafka, IN, subject, event.headers(), event.data());
        // a different event for the same subject after the duplicate: once it is applied, the duplicate was seen
        CloudEvent next = event(subject);
        KafkaProbe.send(kafka, IN, subject, next.headers(), next.data());

        awaitApplied(subject, 2);
        assertEquals(2, applied(subject), "two distinct events applied, the redelivery ignored");
        assertEquals(1L, pool.preparedQuery("select count(*) from inbox_message where consumer = 'commons-test' and event_id = $1")
                .execute(Tuple.of(event.id())).await().atMost(WAIT).iterator().next().getLong(0));
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndDoNotBlockThePartition() {
        String subject = "subject-" + UUID.randomUUID();
        try (KafkaProbe deadLetters = KafkaProbe.reading(kafka, DEAD_LETTER)) {
            RecordHeaders noHeaders = new RecordHeaders();
            KafkaProbe.send(kafka, IN, subject, noHeaders, "garbage without CloudEvents headers");
            CloudEvent unreadable = new CloudEvent(UUID.randomUUID(), "/test", "eu.impala.test.v1",
                    OffsetDateTime.now(), subject, "{\"no-label\":1}");
            KafkaProbe.send(kafka, IN, subject, unreadable.headers(), unreadable.data());
            CloudEvent good = event(subject);
            KafkaProbe.send(kafka, IN, subject, good.headers(), good.data());

            awaitApplied(subject, 1);
            assertEquals(1, applied(subject), "the valid event after the poison was applied");
            ConsumerRecord<String, String> first = deadLetters.await(
                    r -> "garbage without CloudEvents headers".equals(r.value()), WAIT);
            assertTrue(reason(first).contains("ce_specversion"), "reason names the fault: " + reason(first));
            ConsumerRecord<String, String> second = deadLetters.await(
                    r -> unreadable.data().equals(r.value()), WAIT);
            assertTrue(reason(second).contains("has no label"), "reason names the fault: " + reason(second));
            assertEquals(1, applied(subject), "the valid event after the poison was applied exactly once");
        }
    }

    @Test
    void theGroupsLagPerPartitionIsOnTheMetricsAndFallsToZeroOnceApplied() {
        String subject = "subject-" + UUID.randomUUID();
        CloudEvent event = event(subject);
        KafkaProbe.send(kafka, IN, subject, event.headers(), event.data());
        awaitApplied(subject, 1);
        long deadline = System.nanoTime() + WAIT.toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = io.restassured.RestAssured.get("/q/metrics").asString();
            // committed offsets move a few seconds after the batch is acknowledged
            if (seen.contains("impala_consumer_lag_records{group=\"commons-test\",partition=")
                    && seen.lines().filter(l -> l.startsWith("impala_consumer_lag_records{group=\"commons-test\""))
                    .allMatch(l -> l.endsWith(" 0.0"))) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("no zero lag per partition for commons-test on /q/metrics: " + seen.lines()
                .filter(l -> l.contains("consumer_lag")).toList());
    }

    private static String reason(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("dead-letter-reason");
        return header == null ? "(no dead-letter-reason header)" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static CloudEvent event(String subject) {
        return new CloudEvent(UUID.randomUUID(), "/test-producer", "eu.impala.test.counted.v1",
                OffsetDateTime.now(), subject, "{\"label\":\"" + subject + "\"}");
    }

    private int applied(String subject) {
        var rows = pool.preparedQuery("select times from test_applied where subject = $1")
                .execute(Tuple.of(subject)).await().atMost(WAIT);
        return rows.size() == 0 ? 0 : rows.iterator().next().getInteger(0);
    }

    private void awaitApplied(String subject, int times) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (applied(subject) < times && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
