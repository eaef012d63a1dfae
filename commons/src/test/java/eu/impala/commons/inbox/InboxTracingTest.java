package eu.impala.commons.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.events.CloudEvent;
import eu.impala.commons.testapp.RecordedSpans;
import eu.impala.commons.tracing.TraceParent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A batch of events from several traces: its span links them all, each trace gets a span of the work done for its
 * events, and what the batch's transaction writes can carry the right trace context.
 */
@QuarkusTest
class InboxTracingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Inbox inbox;

    @Inject
    RecordedSpans spans;

    @Inject
    ObjectMapper json;

    private long offset;

    @Test
    void aBatchLinksTheTracesOfItsEventsAndHasASpanInEachOfThem() {
        String consumer = "commons-test-traced-" + UUID.randomUUID();
        String a = traceparent();
        String b = traceparent();
        inbox.receive(List.of(record(a), record(b), record(a), record(null)), json, settingsSeen(consumer, null))
                .await().atMost(WAIT);

        SpanData batch = spans.await(s -> s.getName().equals("process " + consumer) && !s.getParentSpanContext().isValid(),
                1, WAIT).get(0);
        assertEquals(Set.of(a, b), batch.getLinks().stream().map(l -> TraceParent.of(l.getSpanContext()))
                .collect(Collectors.toSet()), "one link per trace, not per event");
        assertEquals(4L, batch.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count")));

        List<SpanData> perTrace = spans.await(s -> s.getName().equals("process " + consumer)
                && s.getParentSpanContext().isValid(), 2, WAIT);
        Map<String, Long> events = perTrace.stream().collect(Collectors.toMap(
                s -> TraceParent.of(s.getParentSpanContext()),
                s -> s.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count"))));
        assertEquals(Map.of(a, 2L, b, 1L), events, "a span in each event's trace, a child of the event's context");
        for (SpanData span : perTrace) {
            assertEquals(TraceParent.parse(TraceParent.of(span.getParentSpanContext())).getTraceId(), span.getTraceId());
            assertEquals(List.of(batch.getSpanId()), span.getLinks().stream().map(LinkData::getSpanContext)
                    .map(c -> c.getSpanId()).toList(), "and it links the batch");
        }
    }

    @Test
    void whatABatchWritesCarriesItsOneTracesContextOrElseTheBatchs() {
        String consumer = "commons-test-setting-" + UUID.randomUUID();
        Map<String, String> seen = new ConcurrentHashMap<>();
        String a = traceparent();
        inbox.receive(List.of(record(a), record(a)), json, settingsSeen(consumer, seen)).await().atMost(WAIT);
        SpanData forA = spans.await(s -> s.getName().equals("process " + consumer) && s.getParentSpanContext().isValid(),
                1, WAIT).get(0);
        assertEquals(TraceParent.of(forA.getSpanContext()), seen.get("setting"), "one trace: its span's context");

        String mixed = consumer + "-mixed";
        seen.clear();
        inbox.receive(List.of(record(traceparent()), record(traceparent())), json, settingsSeen(mixed, seen))
                .await().atMost(WAIT);
        SpanData batch = spans.await(s -> s.getName().equals("process " + mixed) && !s.getParentSpanContext().isValid(),
                1, WAIT).get(0);
        assertEquals(TraceParent.of(batch.getSpanContext()), seen.get("setting"), "several traces: the batch's, which links them");
        assertTrue(seen.get("setting").startsWith("00-" + batch.getTraceId()));
    }

    @Test
    void whatAConsumerLogsForItsEventsCarriesTheIdsOfTheirTracesSpanEvenAfterADatabaseRoundTrip() {
        String consumer = "commons-test-logged-" + UUID.randomUUID();
        Map<String, String> seen = new ConcurrentHashMap<>();
        inbox.receive(List.of(record(traceparent()), record(traceparent())), json, BatchConsumer.eachInTurn(consumer,
                JsonNode.class, (conn, event, data) -> conn.query("select 1").execute().invoke(rows -> {
                    // what a log line written here would carry (Quarkus reads the MDC of the current Vert.x context)
                    seen.put("traceId", String.valueOf(MDC.get("traceId")));
                    seen.put("spanId", String.valueOf(MDC.get("spanId")));
                }))).await().atMost(WAIT);
        SpanData batch = spans.await(s -> s.getName().equals("process " + consumer) && !s.getParentSpanContext().isValid(),
                1, WAIT).get(0);
        assertEquals(Map.of("traceId", batch.getTraceId(), "spanId", batch.getSpanId()), seen,
                "two traces in one batch: the batch's span");
    }

    /** A consumer that applies nothing but notes the transaction's impala.traceparent setting. */
    private static BatchConsumer<JsonNode> settingsSeen(String name, Map<String, String> seen) {
        return BatchConsumer.eachInTurn(name, JsonNode.class, (conn, event, data) -> conn
                .query("select current_setting('impala.traceparent', true)").execute()
                .invoke(rows -> {
                    if (seen != null) {
                        seen.put("setting", rows.iterator().next().getString(0));
                    }
                }));
    }

    private static String traceparent() {
        return "00-" + UUID.randomUUID().toString().replace("-", "") + "-" + UUID.randomUUID().toString().substring(19, 23)
                + UUID.randomUUID().toString().substring(24) + "-01";
    }

    private ConsumerRecord<String, String> record(String traceparent) {
        CloudEvent event = new CloudEvent(UUID.randomUUID(), "/test-producer", "eu.impala.test.traced.v1",
                OffsetDateTime.now(), "s-" + UUID.randomUUID(), "{\"label\":\"x\"}", traceparent);
        return new ConsumerRecord<>("commons.test-in.v1", 0, offset++, ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, event.subject(),
                event.data(), event.headers(), Optional.empty());
    }
}
