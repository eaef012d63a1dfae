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
class UpstreamFailureTest {

    @Test
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
    void aServiceThatStaysSilentIsA504Problem() {
        given().auth().oauth2(tokens().demoUser("secretariat")).get(EchoUpstream.SILENT)
                .then().statusCode(504).contentType(PROBLEM)
                .body("type", is("https://api.impala.eu/problems/gateway-timeout"))
                .body("status", is(504))
                .body("detail", startsWith("campaigns-service"));
    }
}
