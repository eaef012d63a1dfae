package eu.impala.gateway.routing;

import static eu.impala.gateway.GatewayTestServers.PROBLEM;
import static eu.impala.gateway.GatewayTestServers.tokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import eu.impala.gateway.EchoUpstream;

@QuarkusTest
class ProxyRoutingTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void aValidTokenReachesTheOwningServiceWithPathQueryAndTokenUnchanged() {
        String token = tokens().demoUser("fr-admin");
        given().auth().oauth2(token).get("/api/v1/associations/abc/changes?cursor=x&limit=5")
                .then().statusCode(200)
                .header(ApiRoutes.REQUEST_ID, notNullValue())
                .body("method", is("GET"))
                .body("path", is("/api/v1/associations/abc/changes"))
                .body("query", is("cursor=x&limit=5"))
                .body("authorization", is("Bearer " + token))
                .body("requestId", notNullValue())
                .body("forwardedHost", is(gateway.getHost() + ":" + gateway.getPort()));
    }

    @Test
    void aPostBodyIsStreamedThroughUnchanged() throws Exception {
        byte[] body = new byte[5 * 1024 * 1024];
        new Random(7).nextBytes(body);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        given().auth().oauth2(tokens().clientCredentials("sync-fr", "sync-fr-dev-secret"))
                .contentType("application/octet-stream").body(body)
                .post("/api/v1/associations/x/sync")
                .then().statusCode(200)
                .body("method", is("POST"))
                .body("path", is("/api/v1/associations/x/sync"))
                .body("bodyBytes", is(body.length))
                .body("bodySha256", is(sha));
    }

    @Test
    void aCallersRequestIdIsKept() {
        given().auth().oauth2(tokens().demoUser("secretariat")).header(ApiRoutes.REQUEST_ID, "req-123")
                .get("/api/v1/campaigns/7").then().statusCode(200)
                .header(ApiRoutes.REQUEST_ID, is("req-123"))
                .body("requestId", is("req-123"));
    }

    @Test
    void theServiceIsCalledInTheCallersTraceAsAChildOfTheGatewaysSpan() {
        String caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String forwarded = given().auth().oauth2(tokens().demoUser("secretariat")).header("traceparent", caller)
                .get("/api/v1/campaigns/7").then().statusCode(200).extract().path("traceparent");
        assertTrue(forwarded.startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-"), forwarded);
        assertFalse(forwarded.contains("00f067aa0ba902b7"), "the gateway's span is the service's parent: " + forwarded);
    }

    @Test
    void publicCampaignPagesNeedNoToken() {
        given().get("/api/v1/campaigns/public/fair-digital-deals").then().statusCode(200)
                .body("path", is("/api/v1/campaigns/public/fair-digital-deals"))
                .body("authorization", nullValue());
    }

    /**
     * The one-click unsubscribe of emails: a mailbox provider POSTs without a token, a person GETs the page. The
     * gateway passes both on; notifications is down in these tests (its route is a closed port), so the answer is the
     * gateway's 502 (or 503 while that service's circuit is open), never the 401 of an anonymous caller.
     */
    @Test
    void theUnsubscribeLinkOfEmailsIsPassedOnWithoutAToken() {
        given().get("/api/v1/notifications/unsubscribe?token=abc.def").then()
                .statusCode(anyOf(is(502), is(503))).contentType(PROBLEM)
                .body("type", not(is("https://api.impala.eu/problems/unauthorized")));
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post("/api/v1/notifications/unsubscribe?token=abc.def").then()
                .statusCode(anyOf(is(502), is(503))).contentType(PROBLEM);
        given().post("/api/v1/notifications/preferences?token=abc.def").then().statusCode(401).contentType(PROBLEM);
    }

    /** The upstream timeout counts from the end of the upload: a slow client is not a silent service. */
    @Test
    void anUploadSlowerThanTheUpstreamTimeoutStillGetsItsAnswer() throws Exception {
        String token = tokens().demoUser("secretariat");
        long pauseMillis = Duration.parse("PT" + EchoUpstream.UPSTREAM_TIMEOUT).toMillis() / 2 + 200;
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/members HTTP/1.1\r\nHost: " + gateway.getHost() + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: text/plain\r\nContent-Length: 30\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 3; i++) {
                out.write("0123456789".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(pauseMillis);
            }
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.contains("\"bodyBytes\":30"), response);
        }
    }
}
