package eu.impala.gateway.routing;

import static eu.impala.gateway.GatewayTestServers.PROBLEM;
import static eu.impala.gateway.GatewayTestServers.tokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import eu.impala.gateway.EchoUpstream;

/** A broken connection to a service: a read is sent again on a fresh connection, a write never. */
@QuarkusTest
class IdempotentRetryTest {

    @Test
    void aReadWhoseConnectionBrokeIsSentAgainAndAnswered() {
        String path = "/api/v1/campaigns/flaky/" + UUID.randomUUID();
        given().auth().oauth2(tokens().demoUser("secretariat")).get(path + "?fail=1")
                .then().statusCode(200).body("path", is(path));
        assertEquals(2, EchoUpstream.received(path), "the first request broke, the second was answered");
    }

    @Test
    void aReadIsSentThreeTimesAtMostThenItIsA502Problem() {
        String path = "/api/v1/campaigns/flaky/" + UUID.randomUUID();
        given().auth().oauth2(tokens().demoUser("secretariat")).get(path + "?fail=10")
                .then().statusCode(502).contentType(PROBLEM).body("type", is("https://api.impala.eu/problems/bad-gateway"));
        assertEquals(3, EchoUpstream.received(path), "the first attempt and two retries");
        given().auth().oauth2(tokens().demoUser("secretariat")).get(path).then().statusCode(200); // closes the circuit again
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void aWriteWhoseConnectionBrokeIsNeverSentAgain(String method) {
        String path = "/api/v1/members/flaky/" + UUID.randomUUID();
        given().auth().oauth2(tokens().demoUser("secretariat")).contentType("application/json").body("{\"name\":\"x\"}")
                .request(method, path + "?fail=1")
                .then().statusCode(502).contentType(PROBLEM);
        assertEquals(1, EchoUpstream.received(path), method + " may have taken effect: the caller decides");
        given().auth().oauth2(tokens().demoUser("secretariat")).get("/api/v1/members").then().statusCode(200);
    }
}
