package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** How the names the dashboard and alerts query are read (checked against the running platform by {@link MonitoringMetricsTest}). */
class MonitoredNamesTest {

    @Test
    void onlySeriesNamesAreTakenNotFunctionsKeywordsLabelsOrVariables() {
        assertEquals(Set.of("http_server_requests_seconds_bucket"), MonitoredNames.metricNames(
                "histogram_quantile(0.99, sum by (job, le) (rate(http_server_requests_seconds_bucket{namespace=\"$namespace\","
                        + " job=~\"$job\", status=~\"5..\"}[$__rate_interval])))"));
        assertEquals(Set.of("impala_consumer_lag_records"), MonitoredNames.metricNames(
                "sum by (group) (impala_consumer_lag_records) > 1e3 and deriv(sum by (group) (impala_consumer_lag_records)[10m:1m]) > 0"));
        assertEquals(Set.of("up"), MonitoredNames.metricNames("sum by (job) (up{job=~\"a|b\"}) == 0 or absent(up{job=\"a\"})"));
    }

    @Test
    void aMisspeltMetricIsTakenAsItIsWritten() {
        assertEquals(Set.of("impala_outbox_backlog_oldest_second"),
                MonitoredNames.metricNames("max by (job) (impala_outbox_backlog_oldest_second{namespace=\"x\"}) > 300"));
    }

    @Test
    void everyRuleOfTheTemplateIsReadWithItsHelmActionsBlanked() {
        String template = """
                {{- if .Values.on }}
                spec:
                  groups:
                    - rules:
                        - alert: A
                          expr: >-
                            sum(rate(a_total{ {{- $sel -}} }[5m]))
                            {{- range $jobs }}
                            or absent(up{job={{ . | quote }}})
                            {{- end }}
                          for: 5m
                        - alert: B
                          expr: b_seconds > {{ $r.threshold }}
                {{- end }}
                """;
        List<String> exprs = MonitoredNames.ruleExpressions(template);
        assertEquals(2, exprs.size(), exprs::toString);
        assertEquals(Set.of("a_total", "up"), MonitoredNames.metricNames(exprs.get(0)));
        assertEquals(Set.of("b_seconds"), MonitoredNames.metricNames(exprs.get(1)));
    }

    @Test
    void anAlertWhoseExpressionCannotBeFoundFailsTheReading() {
        assertThrows(IllegalStateException.class, () -> MonitoredNames.ruleExpressions("""
                - alert: A
                  expression: a_total > 0
                """));
    }

    @Test
    void theChartsDashboardAndAlertsNameTheBackboneMetrics() {
        Set<String> names = MonitoredNames.ofChart();
        assertTrue(names.containsAll(Set.of("impala_consumer_lag_records", "impala_outbox_backlog_oldest_seconds",
                "impala_inbox_events_total", "http_server_requests_seconds_bucket", "up")), names::toString);
    }
}
