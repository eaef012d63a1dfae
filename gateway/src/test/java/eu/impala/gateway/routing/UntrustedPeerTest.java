package eu.impala.gateway.routing;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import eu.impala.gateway.AnonymousCallersProfile;

/** Trusted proxies configured, but the test client is not one of them. */
@QuarkusTest
@TestProfile(UntrustedPeerTest.ElsewhereIngress.class)
class UntrustedPeerTest {

    public static class ElsewhereIngress extends AnonymousCallersProfile {
        @Override
        protected String trustedProxies() {
            return "10.42.0.0/16";
        }
    }

    @Test
    void aForwardedForFromAPeerThatIsNoTrustedProxyIsIgnored() {
        String page = "/api/v1/campaigns/public/fair-digital-deals";
        given().header("X-Forwarded-For", "198.51.100.1").get(page).then().statusCode(200);
        given().header("X-Forwarded-For", "198.51.100.2").get(page).then().statusCode(200);
        given().header("X-Forwarded-For", "198.51.100.3").get(page).then().statusCode(429);
    }
}
