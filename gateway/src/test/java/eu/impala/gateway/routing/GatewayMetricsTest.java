package eu.impala.gateway.routing;

import static eu.impala.gateway.GatewayTestServers.tokens;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import eu.impala.local.MetricsScrape;

/** What the gateway answered shows on {@code /q/metrics}, by route and status, and so do its token cache's lookups. */
@QuarkusTest
class GatewayMetricsTest {

    private static final String REQUESTS = "impala_gateway_requests_total";
    private static final String LOOKUPS = "impala_gateway_token_cache_lookups_total";

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @Test
    void eachAnswerCountsOnceUnderItsRouteAndStatus() {
        String token = tokens().demoUser("secretariat");
        MetricsScrape before = MetricsScrape.of(metrics.toString());
        given().auth().oauth2(token).get("/api/v1/campaigns/7").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/members/42").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v2/nothing").then().statusCode(404);
        given().get("/api/v1/notifications").then().statusCode(401);
        MetricsScrape after = MetricsScrape.of(metrics.toString());

        assertEquals(1, moved(before, after, REQUESTS, "route", "campaigns", "status", "200"), after.describe(REQUESTS));
        assertEquals(1, moved(before, after, REQUESTS, "route", "membership", "status", "200"), after.describe(REQUESTS));
        assertEquals(1, moved(before, after, REQUESTS, "route", "none", "status", "404"), after.describe(REQUESTS));
        assertEquals(1, moved(before, after, REQUESTS, "route", "notifications", "status", "401"), after.describe(REQUESTS));
    }

    @Test
    void aNewTokenIsAMissAndItsNextRequestsAreHits() {
        String token = tokens().demoUser("fr-admin");
        MetricsScrape before = MetricsScrape.of(metrics.toString());
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/api/v1/members").then().statusCode(200);
        }
        MetricsScrape after = MetricsScrape.of(metrics.toString());

        assertEquals(1, moved(before, after, LOOKUPS, "result", "miss"), after.describe(LOOKUPS));
        assertEquals(2, moved(before, after, LOOKUPS, "result", "hit"), after.describe(LOOKUPS));
    }

    @Test
    void noPathOrIdEndsUpInATag() {
        given().auth().oauth2(tokens().demoUser("secretariat")).get("/api/v1/members/0b5f0000-0000-4000-8000-000000000101")
                .then().statusCode(200);
        String text = given().get("/q/metrics").asString();
        assertEquals(0, text.lines().filter(l -> l.startsWith("impala_gateway_"))
                .filter(l -> l.contains("/api") || l.contains("0b5f0000")).count(), "a path or an id in a gateway metric");
    }

    @Test
    void theRequestTimerTagsTheRouteNotThePath() {
        String token = tokens().demoUser("secretariat");
        given().auth().oauth2(token).get("/api/v1/members/0b5f0000-0000-4000-8000-000000000102").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/members/0b5f0000-0000-4000-8000-000000000103/history").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/members").then().statusCode(200);
        List<String> timer = given().get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_count{")).toList();

        assertTrue(timer.stream().anyMatch(l -> l.contains("uri=\"/api/v1/members/**\"")), String.join("\n", timer));
        assertTrue(timer.stream().anyMatch(l -> l.contains("uri=\"/api/v1/members\"")), String.join("\n", timer));
        assertEquals(List.of(), timer.stream().filter(l -> l.contains("0b5f0000")).toList(), "an id in the timer's uri");
    }

    static double moved(MetricsScrape before, MetricsScrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
