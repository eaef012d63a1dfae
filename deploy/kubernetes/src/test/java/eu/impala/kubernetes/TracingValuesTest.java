package eu.impala.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Traces are exported only where values name a collector, and then by every workload, which may reach it. */
class TracingValuesTest {

    private static final List<String> WORKLOADS = List.of("impala-gateway", "impala-membership", "impala-campaigns",
            "impala-notifications");

    @Test
    void byDefaultNoWorkloadIsToldOfACollector() {
        for (String workload : WORKLOADS) {
            JsonNode env = Chart.defaults().named("Deployment", workload).at("/spec/template/spec/containers/0/env");
            assertFalse(StreamSupport.stream(env.spliterator(), false)
                    .anyMatch(e -> e.path("name").asText().startsWith("QUARKUS_OTEL_")), workload);
        }
    }

    @Test
    void aCollectorEndpointIsGivenToEveryWorkloadWithItsSampleRatioAndTheWayThere() {
        Chart.Rendered rendered = Chart.render(null, Map.of("tracing.endpoint", "http://otel-collector.monitoring:4318",
                "tracing.sampleRatio", "0.25"));
        for (String workload : WORKLOADS) {
            JsonNode env = rendered.named("Deployment", workload).at("/spec/template/spec/containers/0/env");
            assertEquals("http://otel-collector.monitoring:4318", value(env, "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"), workload);
            assertEquals("0.25", value(env, "QUARKUS_OTEL_TRACES_SAMPLER_ARG"), workload);
            JsonNode egress = rendered.named("NetworkPolicy", workload).at("/spec/egress");
            assertTrue(StreamSupport.stream(egress.spliterator(), false).anyMatch(rule -> rule.at("/ports/0/port").asInt() == 4318
                    && "monitoring".equals(rule.at("/to/0/namespaceSelector/matchLabels").path("kubernetes.io/metadata.name")
                    .asText())), workload + " may reach the collector: " + egress);
        }
    }

    @Test
    void anEndpointThatIsNotAUrlIsRefused() {
        Exception refused = assertThrows(RuntimeException.class,
                () -> Chart.template(null, Map.of("tracing.endpoint", "otel-collector:4318")));
        assertTrue(refused.getMessage().contains("/tracing/endpoint"), refused.getMessage());
    }

    private static String value(JsonNode env, String name) {
        return StreamSupport.stream(env.spliterator(), false).filter(e -> name.equals(e.path("name").asText()))
                .map(e -> e.path("value").asText()).findFirst().orElse(null);
    }
}
