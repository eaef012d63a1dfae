package eu.impala.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import eu.impala.local.MetricsScrape;

/** A request the rate limit refuses shows on {@code /q/metrics}, as a 429 of its route and as rate-limited. */
@QuarkusTest
@TestProfile(TrustedIngressTest.Ingress.class)
class RateLimitMetricsTest {

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @Test
    void aRefusedRequestCountsAsRateLimitedForItsRouteAndCaller() {
        String page = "/api/v1/campaigns/public/metrics-test";
        MetricsScrape before = MetricsScrape.of(metrics.toString());
        // the profile's bucket holds two requests and does not refill within the test; this address is this test's own
        for (int status : new int[] {200, 200, 429}) {
            given().header("X-Forwarded-For", "192.0.2.77").get(page).then().statusCode(status);
        }
        MetricsScrape after = MetricsScrape.of(metrics.toString());

        assertEquals(1, GatewayMetricsTest.moved(before, after, "impala_gateway_rate_limited_total", "route", "campaigns",
                "caller", "anonymous"), after.describe("impala_gateway_"));
        assertEquals(1, GatewayMetricsTest.moved(before, after, "impala_gateway_requests_total", "route", "campaigns",
                "status", "429"), after.describe("impala_gateway_"));
        assertEquals(2, GatewayMetricsTest.moved(before, after, "impala_gateway_requests_total", "route", "campaigns",
                "status", "200"), after.describe("impala_gateway_"));
    }
}
