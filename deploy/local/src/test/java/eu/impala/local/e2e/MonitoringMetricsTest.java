package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.MetricsScrape;
import eu.impala.local.PlatformService;

/**
 * Every metric the chart's Grafana dashboard and alerts query is one the platform really exports: read from the
 * chart's files, compared with the gateway's and the services' {@code /q/metrics} once a sync and a request to each
 * service have made the series that appear on first use (HTTP timers, inbox counters, consumer lag) appear.
 */
@ExtendWith(SharedPlatform.class)
class MonitoringMetricsTest {

    /** Prometheus' own series of each target, not the services'. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsExportedByThePlatform() {
        Set<String> queried = new TreeSet<>(MonitoredNames.ofChart());
        queried.removeAll(PROMETHEUS_OWN);
        assertTrue(queried.size() > 20, "names read from the chart: " + queried);

        KeycloakTokens tokens = new KeycloakTokens(SharedPlatform.platform().servers().keycloak().url());
        String secretariat = tokens.demoUser("secretariat");
        String gateway = SharedPlatform.gateway();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Api.expect(200, "POST", gateway + "/api/v1/associations/" + Tenant.Side.FR.association + "/sync",
                tokens.clientCredentials("sync-fr", "sync-fr-dev-secret"), "{\"records\":[{\"externalId\":\"MONITORED-" + tag
                        + "\",\"kind\":\"COMPANY\",\"legalName\":\"Monitored " + tag + "\",\"displayName\":\"Monitored\","
                        + "\"country\":\"FR\",\"contacts\":[{\"name\":\"Press\",\"email\":\"monitored-" + tag
                        + "@label.example\",\"role\":\"PRIMARY\",\"language\":\"fr\",\"consents\":{\"campaigns\":true}}]}]}");
        Api.expect(200, "GET", gateway + "/api/v1/campaigns", secretariat, null);
        Api.send("GET", gateway + "/api/v1/notifications/deliveries/" + UUID.randomUUID(), secretariat, null, Map.of());

        // the consumers' series come with the sync's events: wait until nothing is missing, or for what still is
        Set<String> missing = new TreeSet<>();
        MetricsScrape.await(Duration.ofSeconds(60), () -> {
            missing.clear();
            missing.addAll(queried);
            missing.removeAll(exported());
            return missing.isEmpty();
        });
        assertEquals(Set.of(), missing, "queried by the chart's dashboard or alerts but exported by no service");
    }

    private static Set<String> exported() {
        Set<String> names = new TreeSet<>();
        for (PlatformService service : PlatformService.values()) {
            names.addAll(MetricsScrape.of(SharedPlatform.platform().managementUrl(service) + "/q/metrics").names());
        }
        return names;
    }
}
