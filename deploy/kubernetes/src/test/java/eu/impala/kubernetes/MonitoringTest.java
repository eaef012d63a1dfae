package eu.impala.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The dashboard and the alerts: rendered only when asked for, the dashboard as JSON Grafana's sidecar finds, the
 * alerts on the jobs the ServiceMonitors produce, each with its runbook in the README. (That every metric they name
 * is exported is checked on the running platform: deploy/local's {@code MonitoringMetricsTest}.)
 */
class MonitoringTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOBS = Pattern.compile("job=~\"([^\"]*)\"");

    @Test
    void byDefaultNeitherTheDashboardNorTheAlertsAreRendered() {
        assertEquals(List.of(), Chart.defaults().ofKind("PrometheusRule"));
        assertFalse(Chart.defaults().ofKind("ConfigMap").stream()
                .anyMatch(c -> c.at("/metadata/name").asText().endsWith("-dashboard")));
    }

    @Test
    void theDashboardIsAConfigMapWithTheSidecarsLabelAndParsesAsJson() throws IOException {
        JsonNode map = Chart.production().named("ConfigMap", "impala-dashboard");
        assertEquals("1", map.at("/metadata/labels/grafana_dashboard").asText());
        JsonNode dashboard = JSON.readTree(map.at("/data/impala.json").asText());
        assertEquals(JSON.readTree(Files.readString(Chart.DIR.resolve("dashboards/impala.json"))), dashboard,
                "the ConfigMap carries the file as it is");
        assertEquals(List.of("datasource", "namespace", "job"), dashboard.at("/templating/list").findValuesAsText("name"));
    }

    @Test
    void theSidecarsLabelCanBeChanged() {
        JsonNode map = Chart.render(null, Map.of("monitoring.dashboard.enabled", true,
                "monitoring.dashboard.label.key", "dashboards", "monitoring.dashboard.label.value", "impala"))
                .named("ConfigMap", "impala-dashboard");
        assertEquals("impala", map.at("/metadata/labels/dashboards").asText());
        assertTrue(map.at("/metadata/labels/grafana_dashboard").isMissingNode());
    }

    @Test
    void everyPanelQueriesTheChosenDataSourceAndNamespaceAndNoJobByName() throws IOException {
        JsonNode dashboard = JSON.readTree(Files.readString(Chart.DIR.resolve("dashboards/impala.json")));
        List<JsonNode> targets = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(targets::add));
        assertTrue(targets.size() > 20, "panels with queries: " + targets.size());
        for (JsonNode target : targets) {
            String expr = target.path("expr").asText();
            assertEquals("${datasource}", target.at("/datasource/uid").asText(), expr);
            assertTrue(expr.contains("namespace=\"$namespace\""), expr);
            assertTrue(!expr.contains("job=") || expr.contains("job=~\"$job\""), "a job by name: " + expr);
            assertEquals(List.of(), unbalanced(expr), expr);
        }
    }

    @Test
    void theAlertsConformToTheOperatorsCrdAndEachHasASummaryADescriptionAndARunbookInTheReadme() throws IOException {
        JsonNode rule = Chart.production().named("PrometheusRule", "impala-alerts");
        assertEquals(Set.of(), Models.problems(rule));
        assertEquals("kube-prometheus-stack", rule.at("/metadata/labels/release").asText());
        Set<String> headings = readmeAnchors();
        List<String> alerts = new ArrayList<>();
        for (JsonNode alert : rule.at("/spec/groups/0/rules")) {
            String name = alert.path("alert").asText();
            alerts.add(name);
            assertFalse(alert.at("/annotations/summary").asText().isBlank(), name);
            assertFalse(alert.at("/annotations/description").asText().isBlank(), name);
            assertTrue(Set.of("critical", "warning").contains(alert.at("/labels/severity").asText()), name);
            String runbook = alert.at("/annotations/runbook_url").asText();
            assertEquals("deploy/kubernetes/README.md#" + name.toLowerCase(Locale.ROOT), runbook);
            assertTrue(headings.contains(name.toLowerCase(Locale.ROOT)), "README has no section " + name);
            assertEquals(List.of(), unbalanced(alert.path("expr").asText()), name);
        }
        assertEquals(List.of("ImpalaServiceDown", "ImpalaServerErrors", "ImpalaConsumerLagGrowing", "ImpalaOutboxStuck",
                "ImpalaEventsDeadLettered", "ImpalaNotificationsDead", "ImpalaGatewayRateLimiting"), alerts);
    }

    @Test
    void theAlertsSelectTheJobsTheServiceMonitorsProduceInTheReleasesNamespace() {
        Chart.Rendered production = Chart.production();
        // the Prometheus Operator names a ServiceMonitor's job after the Service it scrapes
        Set<String> scraped = production.ofKind("ServiceMonitor").stream()
                .map(m -> m.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText())
                .map(key -> production.ofKind("Service").stream()
                        .filter(s -> key.equals(s.at("/spec/selector/app.kubernetes.io~1name").asText())).findFirst()
                        .orElseThrow().at("/metadata/name").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(4, scraped.size());
        for (JsonNode alert : production.named("PrometheusRule", "impala-alerts").at("/spec/groups/0/rules")) {
            String expr = alert.path("expr").asText();
            assertTrue(expr.contains("namespace=\"" + Chart.NAMESPACE + "\""), expr);
            Matcher jobs = JOBS.matcher(expr);
            while (jobs.find()) {
                assertEquals(scraped, new TreeSet<>(List.of(jobs.group(1).split("\\|"))), expr);
            }
        }
    }

    @Test
    void thresholdsComeFromTheValues(@TempDir Path dir) throws IOException {
        // a values file, not --set: Helm's --set keeps 0.2 a string, which the values' schema refuses
        Path values = Files.writeString(dir.resolve("thresholds.yaml"), """
                monitoring:
                  prometheusRule: {enabled: true, serverErrorRatio: 0.2, outboxOldestSeconds: 600,
                    consumerLagRecords: 5000, rateLimitedShare: 0.25}
                """);
        JsonNode rules = Chart.render(values, Map.of()).named("PrometheusRule", "impala-alerts").at("/spec/groups/0/rules");
        Map<String, String> exprs = new java.util.HashMap<>();
        rules.forEach(r -> exprs.put(r.path("alert").asText(), r.path("expr").asText()));
        assertTrue(exprs.get("ImpalaServerErrors").endsWith("> 0.2"), exprs.get("ImpalaServerErrors"));
        assertTrue(exprs.get("ImpalaOutboxStuck").endsWith("> 600"), exprs.get("ImpalaOutboxStuck"));
        assertTrue(exprs.get("ImpalaConsumerLagGrowing").contains("> 5000"), exprs.get("ImpalaConsumerLagGrowing"));
        assertTrue(exprs.get("ImpalaGatewayRateLimiting").endsWith("> 0.25"), exprs.get("ImpalaGatewayRateLimiting"));
    }

    @Test
    void anUnbalancedExpressionIsNoticed() {
        assertEquals(List.of(), unbalanced("sum by (job) (rate(x{a=\"(\"}[5m]))"));
        assertFalse(unbalanced("sum by (job) (rate(x{a=\"b\"}[5m])").isEmpty());
        assertFalse(unbalanced("rate(x{a=\"b}[5m])").isEmpty());
    }

    /** What does not close in a PromQL expression: brackets outside strings, and strings. Empty when balanced. */
    static List<String> unbalanced(String promql) {
        StringBuilder open = new StringBuilder();
        List<String> problems = new ArrayList<>();
        Character quote = null;
        for (int i = 0; i < promql.length(); i++) {
            char c = promql.charAt(i);
            if (quote != null) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = null;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if ("([{".indexOf(c) >= 0) {
                open.append(c);
            } else if (")]}".indexOf(c) >= 0) {
                char expected = "([{".charAt(")]}".indexOf(c));
                if (open.isEmpty() || open.charAt(open.length() - 1) != expected) {
                    problems.add("unexpected " + c + " at " + i);
                } else {
                    open.setLength(open.length() - 1);
                }
            }
        }
        if (quote != null) {
            problems.add("unclosed " + quote);
        }
        if (!open.isEmpty()) {
            problems.add("unclosed " + open);
        }
        return problems;
    }

    /** The anchors of the README's headings, as a Markdown renderer makes them. */
    private static Set<String> readmeAnchors() throws IOException {
        return Files.readAllLines(Chart.REPO.resolve("deploy/kubernetes/README.md")).stream()
                .filter(l -> l.startsWith("#")).map(l -> l.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }
}
