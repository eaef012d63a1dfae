package eu.impala.commons.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import eu.impala.commons.testapp.NoteService;
import eu.impala.local.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class OutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    NoteService notes;

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void committedChangeIsPublishedAsABinaryModeCloudEvent() {
        UUID id = UUID.randomUUID();
        try (KafkaProbe probe = KafkaProbe.reading(kafka, NoteService.TOPIC)) {
            await(() -> notes.write(id, "hello", false));

            ConsumerRecord<String, String> record = probe.await(r -> id.toString().equals(r.key()), WAIT);
            assertEquals("{\"noteId\":\"" + id + "\",\"text\":\"hello\"}", record.value());
            assertEquals("1.0", KafkaProbe.header(record, "ce_specversion"));
            assertEquals("/commons-test", KafkaProbe.header(record, "ce_source"));
            assertEquals(NoteService.TYPE, KafkaProbe.header(record, "ce_type"));
            assertEquals(id.toString(), KafkaProbe.header(record, "ce_subject"));
            assertEquals("application/json", KafkaProbe.header(record, "content-type"));
            UUID ceId = UUID.fromString(KafkaProbe.header(record, "ce_id"));
            OffsetDateTime.parse(KafkaProbe.header(record, "ce_time"));
            assertEquals(ceId.toString(), awaitSentRow(ceId), "the relay's position covers the row it published");
        }
    }

    @Test
    void rolledBackChangePublishesNothing() {
        UUID key = UUID.randomUUID();
        try (KafkaProbe probe = KafkaProbe.reading(kafka, NoteService.TOPIC)) {
            UUID failed = UUID.randomUUID();
            assertThrows(IllegalStateException.class, () -> await(() -> notes.write(failed, "rolled back", true)));
            UUID committed = UUID.randomUUID();
            await(() -> notes.write(committed, "committed", false));

            probe.await(r -> committed.toString().equals(r.key()), WAIT);
            assertFalse(probe.seen().stream().anyMatch(r -> failed.toString().equals(r.key())),
                    "the rolled-back change must not be published");
            assertEquals(0L, count("select count(*) from outbox_event where aggregate_id = $1", failed.toString()));
            assertEquals(0L, count("select count(*) from test_note where id = $1", failed));
        }
    }

    @Test
    void rowCommittedByAServiceThatDiedBeforeSendingIsPublishedByTheSweep() {
        // What a crash between commit and send leaves behind: a committed row and nobody awake to publish it.
        UUID eventId = UUID.randomUUID();
        String aggregate = UUID.randomUUID().toString();
        try (KafkaProbe probe = KafkaProbe.reading(kafka, NoteService.TOPIC)) {
            pool.preparedQuery("insert into outbox_event (id, topic, event_type, source, aggregate_id, occurred_at, payload) "
                            + "values ($1, $2, $3, '/commons-test', $4, now(), '{\"orphan\":true}'::json)")
                    .execute(Tuple.of(eventId, NoteService.TOPIC, NoteService.TYPE, aggregate))
                    .await().atMost(WAIT);

            ConsumerRecord<String, String> record = probe.await(r -> aggregate.equals(r.key()), WAIT);
            assertEquals(eventId.toString(), KafkaProbe.header(record, "ce_id"));
            assertEquals("{\"orphan\":true}", record.value());
            assertEquals(eventId.toString(), awaitSentRow(eventId));
        }
    }

    @Test
    void aTransactionThatCommitsAfterALaterOneWasPublishedIsNotSkipped() {
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        try (KafkaProbe probe = KafkaProbe.reading(kafka, NoteService.TOPIC)) {
            // the early transaction takes its transaction id and seq first, and stays open
            var conn = pool.getConnection().await().atMost(WAIT);
            try {
                var tx = conn.begin().await().atMost(WAIT);
                conn.preparedQuery("insert into outbox_event (id, topic, event_type, source, aggregate_id, occurred_at, payload) "
                                + "values (gen_random_uuid(), $1, $2, '/commons-test', $3, now(), '{\"early\":true}'::json)")
                        .execute(Tuple.of(NoteService.TOPIC, NoteService.TYPE, early.toString())).await().atMost(WAIT);
                // a later transaction commits and is published while the early one is still open
                await(() -> notes.write(late, "late", false));
                probe.await(r -> late.toString().equals(r.key()), WAIT);
                assertFalse(probe.seen().stream().anyMatch(r -> early.toString().equals(r.key())),
                        "nothing of the open transaction is published");

                tx.commit().await().atMost(WAIT);
            } finally {
                conn.close().await().atMost(WAIT);
            }
            ConsumerRecord<String, String> record = probe.await(r -> early.toString().equals(r.key()), WAIT);
            assertEquals("{\"early\":true}", record.value(), "published by the sweep once it committed");
        }
    }

    @Test
    void publishedRowsArePrunedAfterTheRetention() {
        String old = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        try (KafkaProbe probe = KafkaProbe.reading(kafka, NoteService.TOPIC)) {
            insertRow(old, "now() - interval '8 days'");
            insertRow(fresh, "now()");
            probe.await(r -> old.equals(r.key()), WAIT);
            probe.await(r -> fresh.equals(r.key()), WAIT);
            awaitCount("select count(*) from outbox_event where aggregate_id in ($1, $2) and outbox_published(tx, seq)",
                    old, fresh, 2);
        }
        int pruned = relay.prune().await().atMost(WAIT);
        assertTrue(pruned >= 1, "at least the old row was pruned: " + pruned);
        assertEquals(0L, count("select count(*) from outbox_event where aggregate_id = $1", old), "older than 7 days: gone");
        assertEquals(1L, count("select count(*) from outbox_event where aggregate_id = $1", fresh), "recent: kept");
    }

    @Test
    void eventsOfOneAggregateArePublishedInCommitOrder() {
        UUID id = UUID.randomUUID();
        try (KafkaProbe probe = KafkaProbe.reading(kafka, NoteService.TOPIC)) {
            for (int i = 0; i < 20; i++) {
                // one aggregate key: the relay must keep the commit order on its partition
                String text = id + "#" + i;
                await(() -> notes.amend(id, text));
            }
            probe.await(r -> r.value().contains(id + "#19"), WAIT);
            var texts = probe.seen().stream().map(ConsumerRecord::value).filter(v -> v.contains(id.toString())).toList();
            assertEquals(20, texts.size(), "each committed change published once: " + texts);
            for (int i = 0; i < 20; i++) {
                assertTrue(texts.get(i).contains(id + "#" + i + "\""), "order kept at " + i + ": " + texts);
            }
        }
    }

    private static <T> T await(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) {
        return work.get().await().atMost(WAIT);
    }

    private String awaitSentRow(UUID eventId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var rows = pool.preparedQuery("select id from outbox_event where id = $1 and outbox_published(tx, seq)")
                    .execute(Tuple.of(eventId)).await().atMost(WAIT);
            if (rows.size() == 1) {
                return rows.iterator().next().getUUID(0).toString();
            }
            sleep();
        }
        return "row " + eventId + " never marked sent";
    }

    private void insertRow(String aggregate, String occurredAt) {
        pool.preparedQuery("insert into outbox_event (id, topic, event_type, source, aggregate_id, occurred_at, payload) "
                        + "values (gen_random_uuid(), $1, $2, '/commons-test', $3, " + occurredAt + ", '{}'::json)")
                .execute(Tuple.of(NoteService.TOPIC, NoteService.TYPE, aggregate)).await().atMost(WAIT);
    }

    private void awaitCount(String sql, String a, String b, long expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = pool.preparedQuery(sql).execute(Tuple.of(a, b)).await().atMost(WAIT).iterator().next().getLong(0);
            if (seen == expected) {
                return;
            }
            sleep();
        }
        assertEquals(expected, seen, sql);
    }

    private long count(String sql, Object param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
