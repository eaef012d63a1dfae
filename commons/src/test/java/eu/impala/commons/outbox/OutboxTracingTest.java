package eu.impala.commons.outbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import eu.impala.commons.testapp.NoteService;
import eu.impala.commons.testapp.RecordedSpans;
import eu.impala.commons.tracing.TraceParent;
import eu.impala.local.KafkaProbe;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The trace context of a change travels with its events: into the outbox row, onto the Kafka record, into the relay's span. */
@QuarkusTest
class OutboxTracingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    RecordedSpans spans;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void anEventIsPublishedWithTheTraceContextOfTheRequestThatWroteIt() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String caller = "00-" + traceId + "-00f067aa0ba902b7-01";
        try (KafkaProbe probe = KafkaProbe.reading(kafka, NoteService.TOPIC)) {
            String id = given().header("traceparent", caller).contentType("text/plain").body("traced")
                    .post("/test/notes").then().statusCode(201).extract().path("id");

            ConsumerRecord<String, String> record = probe.await(r -> id.equals(r.key()), WAIT);
            String sent = KafkaProbe.header(record, "ce_traceparent");
            SpanContext context = TraceParent.parse(sent);
            assertEquals(traceId, context.getTraceId(), "the request's trace: " + sent);
            assertNotEquals("00f067aa0ba902b7", context.getSpanId(), "the service's span of the request, not the caller's");
            assertEquals(sent, KafkaProbe.header(record, "traceparent"), "the W3C header names the same context");
            assertEquals(sent, pool.preparedQuery("select traceparent from outbox_event where aggregate_id = $1")
                    .execute(Tuple.of(id)).await().atMost(WAIT).iterator().next().getString(0), "stored with the row");

            List<SpanData> publishing = spans.await(s -> s.getName().equals("publish outbox") && s.getLinks().stream()
                    .anyMatch(l -> l.getSpanContext().getSpanId().equals(context.getSpanId())), 1, WAIT);
            assertFalse(publishing.isEmpty(), "the relay's batch links the request's trace");
            assertNotEquals(traceId, publishing.get(0).getTraceId(), "the batch is a trace of its own, not the request's child");
        }
    }
}
