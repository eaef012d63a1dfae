package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.MetricsScrape;
import eu.impala.local.PlatformService;

/**
 * What the platform does shows on each service's {@code /q/metrics} (the management port): every test reads the
 * metrics, acts through the gateway with real tokens, and reads them again.
 */
@ExtendWith(SharedPlatform.class)
class PlatformMetricsTest {

    private static final String FR = Tenant.Side.FR.association;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aSyncCountsItsRecordsByResultAndHowLongItTook() {
        String tag = tag();
        String token = syncClient();
        String url = SharedPlatform.gateway() + "/api/v1/associations/" + FR + "/sync";
        MetricsScrape before = scrape(PlatformService.MEMBERSHIP);
        Api.expect(200, "POST", url, token, records(tag, "Metrics A", "Metrics B"));
        Api.expect(200, "POST", url, token, records(tag, "Metrics A", "Metrics B renamed"));
        Api.expect(200, "POST", url + "?mode=snapshot&dryRun=true", token, records(tag, "Metrics A"));
        MetricsScrape after = scrape(PlatformService.MEMBERSHIP);

        String records = "impala_sync_records_total";
        assertEquals(2, moved(before, after, records, "mode", "upsert", "dry_run", "false", "result", "created"), after.describe(records));
        assertEquals(1, moved(before, after, records, "mode", "upsert", "dry_run", "false", "result", "updated"), after.describe(records));
        assertEquals(1, moved(before, after, records, "mode", "upsert", "dry_run", "false", "result", "unchanged"), after.describe(records));
        assertEquals(1, moved(before, after, records, "mode", "snapshot", "dry_run", "true", "result", "unchanged"), after.describe(records));
        assertEquals(0, moved(before, after, records, "mode", "snapshot", "dry_run", "false", "result", "lapsed"),
                "a dry run changes nothing, and says so only under dry_run=\"true\"");
        String runs = "impala_sync_duration_seconds_count";
        assertEquals(2, moved(before, after, runs, "mode", "upsert", "dry_run", "false"), after.describe("impala_sync_duration"));
        assertEquals(1, moved(before, after, runs, "mode", "snapshot", "dry_run", "true"), after.describe("impala_sync_duration"));
        assertTrue(after.value("impala_sync_duration_seconds_sum", "mode", "upsert", "dry_run", "false")
                > before.value("impala_sync_duration_seconds_sum", "mode", "upsert", "dry_run", "false"), "a run takes time");
    }

    @Test
    void aSignatureAndItsWithdrawalAreCountedOnce() {
        String tag = tag();
        String gateway = SharedPlatform.gateway();
        KeycloakTokens tokens = tokens();
        String secretariat = tokens.demoUser("secretariat");
        String frAdmin = tokens.demoUser("fr-admin");
        String member = Api.expect(200, "POST", gateway + "/api/v1/associations/" + FR + "/sync", syncClient(),
                records(tag, "Signing Label")).path("results").get(0).path("memberId").asText();
        String campaign = Api.expect(201, "POST", gateway + "/api/v1/campaigns", secretariat, "{\"slug\":\"metrics-" + tag
                + "\",\"title\":\"Metrics\",\"summary\":\"S\",\"body\":\"B\",\"topic\":\"OTHER\",\"kind\":\"DECLARATION\"}")
                .path("id").asText();
        Api.expect(200, "POST", gateway + "/api/v1/campaigns/" + campaign + "/status", secretariat, "{\"status\":\"PUBLISHED\"}");
        String signatures = gateway + "/api/v1/campaigns/" + campaign + "/signatures";
        String body = "{\"memberId\":\"" + member + "\",\"showName\":false}";
        MetricsScrape before = scrape(PlatformService.CAMPAIGNS);
        // campaigns learns of the member through Kafka: until then the signature is refused, and refusals count nothing
        assertTrue(MetricsScrape.await(WAIT, () -> Api.send("POST", signatures, frAdmin, body, Map.of()).statusCode() == 201),
                "campaigns never took the signature");
        assertEquals(200, Api.send("POST", signatures, frAdmin, body, Map.of()).statusCode(), "signing again adds nothing");
        MetricsScrape signed = scrape(PlatformService.CAMPAIGNS);
        assertEquals(204, Api.send("DELETE", signatures + "/" + member, frAdmin, null, Map.of()).statusCode());
        MetricsScrape after = scrape(PlatformService.CAMPAIGNS);

        assertEquals(1, moved(before, signed, "impala_signatures_added_total"), signed.describe("impala_signatures"));
        assertEquals(0, moved(before, signed, "impala_signatures_withdrawn_total"), signed.describe("impala_signatures"));
        assertEquals(0, moved(signed, after, "impala_signatures_added_total"), after.describe("impala_signatures"));
        assertEquals(1, moved(signed, after, "impala_signatures_withdrawn_total"), after.describe("impala_signatures"));
    }

    @Test
    void theGatewayCountsAnswersByRouteAndStatusAndItsTokenCacheLookups() {
        String token = tokens().demoUser("secretariat"); // a token of its own: its first request is the cache's miss
        MetricsScrape before = scrape(PlatformService.GATEWAY);
        Api.expect(200, "GET", SharedPlatform.gateway() + "/api/v1/campaigns", token, null);
        Api.expect(200, "GET", SharedPlatform.gateway() + "/api/v1/campaigns", token, null);
        Api.send("GET", SharedPlatform.gateway() + "/api/v1/notifications/deliveries/" + UUID.randomUUID(), null, null, Map.of());
        MetricsScrape after = scrape(PlatformService.GATEWAY);

        String requests = "impala_gateway_requests_total";
        assertEquals(2, moved(before, after, requests, "route", "campaigns", "status", "200"), after.describe(requests));
        assertEquals(1, moved(before, after, requests, "route", "notifications", "status", "401"), after.describe(requests));
        String lookups = "impala_gateway_token_cache_lookups_total";
        assertTrue(moved(before, after, lookups, "result", "miss") >= 1, after.describe(lookups));
        assertTrue(moved(before, after, lookups, "result", "hit") >= 1, after.describe(lookups));
    }

    /**
     * The event backbone's metrics, from commons, on the services that publish and consume: what a sync publishes
     * moves membership's relay counter, its consumers apply it, and each consumer group's lag per partition is there.
     */
    @Test
    void theOutboxAndTheConsumersShowWhatASyncSetInMotion() {
        String tag = tag();
        MetricsScrape membership = scrape(PlatformService.MEMBERSHIP);
        MetricsScrape campaigns = scrape(PlatformService.CAMPAIGNS);
        Api.expect(200, "POST", SharedPlatform.gateway() + "/api/v1/associations/" + FR + "/sync", syncClient(),
                records(tag, "Backbone One", "Backbone Two"));

        // two members with a contact each: four events at least (other tests may publish beside them)
        assertTrue(MetricsScrape.await(WAIT, () -> moved(membership, scrape(PlatformService.MEMBERSHIP),
                "impala_outbox_published_events_total") >= 4), scrape(PlatformService.MEMBERSHIP).describe("impala_outbox"));
        assertTrue(MetricsScrape.await(WAIT, () -> moved(campaigns, scrape(PlatformService.CAMPAIGNS), "impala_inbox_events_total",
                "consumer", "campaigns.member-view", "outcome", "applied") >= 2), scrape(PlatformService.CAMPAIGNS).describe("impala_inbox"));
        assertTrue(MetricsScrape.await(WAIT, () -> scrape(PlatformService.MEMBERSHIP).value("impala_outbox_backlog_events") == 0),
                "membership's relay publishes everything: " + scrape(PlatformService.MEMBERSHIP).describe("impala_outbox_backlog"));
        for (PlatformService consumer : new PlatformService[] {PlatformService.CAMPAIGNS, PlatformService.NOTIFICATIONS}) {
            assertTrue(MetricsScrape.await(WAIT, () -> scrape(consumer).has("impala_consumer_lag_records",
                    "topic", "membership.members.v1")), consumer + ": " + scrape(consumer).describe("impala_consumer_lag"));
        }
        assertTrue(scrape(PlatformService.MEMBERSHIP).has("impala_outbox_backlog_oldest_seconds"));
    }

    private static MetricsScrape scrape(PlatformService service) {
        return MetricsScrape.of(SharedPlatform.platform().managementUrl(service) + "/q/metrics");
    }

    private static double moved(MetricsScrape before, MetricsScrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static KeycloakTokens tokens() {
        return new KeycloakTokens(SharedPlatform.platform().servers().keycloak().url());
    }

    private static String syncClient() {
        return tokens().clientCredentials("sync-fr", "sync-fr-dev-secret");
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** One record per name, each with one contact; the external id is the name's first word and the tag. */
    private static String records(String tag, String... names) {
        StringBuilder json = new StringBuilder("{\"records\":[");
        for (int i = 0; i < names.length; i++) {
            String id = "METRICS-" + names[i].split(" ")[1].toUpperCase(java.util.Locale.ROOT) + "-" + tag;
            json.append(i == 0 ? "" : ",").append("{\"externalId\":\"").append(id).append("\",\"kind\":\"COMPANY\",")
                    .append("\"legalName\":\"").append(names[i]).append("\",\"displayName\":\"").append(names[i])
                    .append("\",\"country\":\"FR\",\"contacts\":[{\"name\":\"Press ").append(tag).append("\",\"email\":\"")
                    .append(id.toLowerCase(java.util.Locale.ROOT)).append("@label.example\",\"role\":\"PRIMARY\",")
                    .append("\"language\":\"fr\",\"consents\":{\"campaigns\":true}}]}");
        }
        return json.append("]}").toString();
    }
}
