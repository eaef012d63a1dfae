package eu.impala.gateway.routing;

import static eu.impala.gateway.GatewayTestServers.PROBLEM;
import static eu.impala.gateway.GatewayTestServers.tokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import eu.impala.gateway.EchoUpstream;

@QuarkusTest
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class UpstreamFailureTest {

    @Test
    @org.junit.jupiter.api.Order(1)
    void aServiceThatIsDownIsA502Problem() {
        given().auth().oauth2(tokens().demoUser("label-admin")).get("/api/v1/notifications/inbox?limit=5")
                .then().statusCode(502).contentType(PROBLEM)
                .body("type", is("https://api.impala.eu/problems/bad-gateway"))
                .body("title", is("Bad Gateway"))
                .body("status", is(502))
                .body("detail", startsWith("notifications-service"))
                .body("instance", is("/api/v1/notifications/inbox"));
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aServiceThatKeepsFailingIsCutOffWith503UntilItsRestIsOver() throws Exception {
        String token = tokens().demoUser("label-admin");
        int unavailable = 0;
        String retryAfter = null;
        for (int i = 0; i < 8; i++) {
            var r = given().auth().oauth2(token).get("/api/v1/notifications/inbox");
            if (r.statusCode() == 503) {
                unavailable++;
                retryAfter = r.getHeader("Retry-After");
                r.then().contentType(PROBLEM).body("type", is("https://api.impala.eu/problems/service-unavailable"));
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(unavailable >= 3, "after 5 failures the circuit opens: " + unavailable);
        org.junit.jupiter.api.Assertions.assertTrue(retryAfter != null);
        given().auth().oauth2(token).get("/api/v1/members").then().statusCode(200); // other services are not affected
        Thread.sleep(Long.parseLong(retryAfter) * 1000L + 200);
        given().auth().oauth2(token).get("/api/v1/notifications/inbox").then().statusCode(502); // the probe goes through
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aServiceThatStaysSilentIsA504Problem() {
        given().auth().oauth2(tokens().demoUser("secretariat")).get(EchoUpstream.SILENT)
                .then().statusCode(504).contentType(PROBLEM)
                .body("type", is("https://api.impala.eu/problems/gateway-timeout"))
                .body("status", is(504))
                .body("detail", startsWith("campaigns-service"));
    }
}
