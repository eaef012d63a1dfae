package eu.impala.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Every workload logs JSON lines for the collector unless values ask for text, and nothing else is accepted. */
class LogsValuesTest {

    private static final List<String> WORKLOADS = List.of("impala-gateway", "impala-membership", "impala-campaigns",
            "impala-notifications");

    @Test
    void byDefaultEveryWorkloadLogsJson() {
        for (String workload : WORKLOADS) {
            assertEquals("true", jsonEnabled(Chart.defaults(), workload), workload);
        }
    }

    @Test
    void textFormatTurnsJsonOffInEveryWorkload() {
        Chart.Rendered rendered = Chart.render(null, Map.of("logs.format", "text"));
        for (String workload : WORKLOADS) {
            assertEquals("false", jsonEnabled(rendered, workload), workload);
        }
    }

    @Test
    void aFormatThatIsNeitherJsonNorTextIsRefused() {
        Exception refused = assertThrows(RuntimeException.class, () -> Chart.template(null, Map.of("logs.format", "xml")));
        assertTrue(refused.getMessage().contains("/logs/format"), refused.getMessage());
    }

    private static String jsonEnabled(Chart.Rendered rendered, String workload) {
        JsonNode env = rendered.named("Deployment", workload).at("/spec/template/spec/containers/0/env");
        return StreamSupport.stream(env.spliterator(), false)
                .filter(e -> "QUARKUS_LOG_CONSOLE_JSON_ENABLED".equals(e.path("name").asText()))
                .map(e -> e.path("value").asText()).findFirst().orElse(null);
    }
}
