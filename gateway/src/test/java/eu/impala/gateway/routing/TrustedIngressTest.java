package eu.impala.gateway.routing;

import static eu.impala.gateway.GatewayTestServers.PROBLEM;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import eu.impala.gateway.AnonymousCallersProfile;

/** The gateway behind an ingress controller it trusts (the test client's loopback address). */
@QuarkusTest
@TestProfile(TrustedIngressTest.Ingress.class)
class TrustedIngressTest {

    public static class Ingress extends AnonymousCallersProfile {
        @Override
        protected String trustedProxies() {
            return "127.0.0.0/8,::1";
        }
    }

    // each test spends only the buckets of the addresses it names
    private static final String PAGE = "/api/v1/campaigns/public/fair-digital-deals";

    @Test
    void anonymousClientsBehindTheIngressHaveABucketEach() {
        anonymous("198.51.100.1").then().statusCode(200);
        anonymous("198.51.100.1").then().statusCode(200);
        anonymous("198.51.100.1").then().statusCode(429);
        anonymous("198.51.100.2").then().statusCode(200);
    }

    @Test
    void aClientCannotLeaveItsBucketByWritingItsOwnForwardedFor() {
        anonymous("198.51.100.3").then().statusCode(200);
        anonymous("198.51.100.3").then().statusCode(200);
        // what the ingress received from the client, with the address the ingress saw appended
        anonymous("203.0.113.77, 198.51.100.3").then().statusCode(429);
    }

    @Test
    void aRefusalCarriesTheSecurityHeaders() {
        anonymous("198.51.100.4");
        anonymous("198.51.100.4");
        anonymous("198.51.100.4").then().statusCode(429).contentType(PROBLEM)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    @Test
    void overTlsAtTheIngressTheAnswerInsistsOnTlsAndTheServiceLearnsTheClient() {
        given().header("X-Forwarded-For", "203.0.113.77, 198.51.100.5").header("X-Forwarded-Proto", "https")
                .get(PAGE)
                .then().statusCode(200)
                .header("Strict-Transport-Security", "max-age=31536000")
                .body("forwardedProto", is("https"))
                .body("forwardedFor", is("198.51.100.5"));
    }

    @Test
    void overPlainHttpAtTheIngressThereIsNoHsts() {
        given().header("X-Forwarded-For", "198.51.100.6").header("X-Forwarded-Proto", "http").get(PAGE)
                .then().statusCode(200)
                .header("Strict-Transport-Security", nullValue())
                .body("forwardedProto", is("http"));
    }

    private static Response anonymous(String forwardedFor) {
        return given().header("X-Forwarded-For", forwardedFor).get(PAGE);
    }
}
