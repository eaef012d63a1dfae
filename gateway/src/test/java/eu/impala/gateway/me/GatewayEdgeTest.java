package eu.impala.gateway.me;

import static eu.impala.gateway.GatewayTestServers.PROBLEM;
import static eu.impala.gateway.GatewayTestServers.tokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class GatewayEdgeTest {

    @Test
    void meTellsTheFrontendWhoTheCallerIs() {
        given().auth().oauth2(tokens().demoUser("fr-admin")).get("/api/v1/me")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .body("username", equalTo("fr-admin")).body("roles", hasItem("association-admin"))
                .body("roles", not(hasItem("platform-admin")))
                .body("associationId", equalTo("0a5f0000-0000-4000-8000-000000000001"))
                .body("$", hasKey("unreadNotifications"));
        given().auth().oauth2(tokens().demoUser("label-admin")).get("/api/v1/me")
                .then().statusCode(200).body("memberId", equalTo("0b5f0000-0000-4000-8000-000000000101"));
        given().get("/api/v1/me").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void aTokenWithoutSignatureIsRefusedWhateverItsHeaderSays() {
        String[] parts = tokens().demoUser("secretariat").split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(none + "." + parts[1] + ".").get("/api/v1/members").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(none + "." + parts[1] + "." + parts[2]).get("/api/v1/members").then().statusCode(401);
    }

    @Test
    void aConfiguredFrontendMayCallAcrossOriginsAndOthersMayNot() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,if-match")
                .options("/api/v1/members/42")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "http://localhost:3000");
        Response foreign = given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/members/42");
        assertTrue(foreign.getHeader("Access-Control-Allow-Origin") == null
                || !foreign.getHeader("Access-Control-Allow-Origin").contains("evil"), foreign.headers().toString());
        given().auth().oauth2(tokens().demoUser("secretariat")).header("Origin", "http://localhost:3000")
                .get("/api/v1/members").then().header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Expose-Headers", org.hamcrest.Matchers.containsString("ETag"));
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL gateway;

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedAsAProblemBeforeItIsSent() throws Exception {
        String token = tokens().demoUser("secretariat");
        try (java.net.Socket socket = new java.net.Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/associations/0a5f0000-0000-4000-8000-000000000001/sync HTTP/1.1\r\n"
                    + "Host: " + gateway.getHost() + "\r\nAuthorization: Bearer " + token + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 40000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StringBuilder received = new StringBuilder();
            byte[] buffer = new byte[4096];
            int n;
            while (!received.toString().endsWith("}") && (n = socket.getInputStream().read(buffer)) > 0) {
                received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            String answer = received.toString();
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains(PROBLEM) && answer.contains("payload-too-large"), answer);
        }
    }

    @Test
    void aClientThatSendsTooManyRequestsIsToldToWait() throws Exception {
        String token = tokens().demoUser("de-admin");
        // all at once, each on its own connection: a pool of blocking clients on a busy machine sends slower than
        // the bucket refills, and the test would depend on the machine's speed
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI members = java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                + "/api/v1/members");
        java.util.List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 320; i++) {
            // a request timeout: on a loaded machine a connection may never be served, and the test must not hang
            sent.add(http.sendAsync(java.net.http.HttpRequest.newBuilder(members).header("Authorization", "Bearer " + token)
                    .timeout(java.time.Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()));
        }
        int limited = 0;
        String retryAfter = null;
        for (var f : sent) {
            java.net.http.HttpResponse<String> r;
            try {
                r = f.get();
            } catch (java.util.concurrent.ExecutionException timedOut) {
                continue; // not answered in time: neither limited nor not
            }
            if (r.statusCode() == 429) {
                limited++;
                retryAfter = r.headers().firstValue("Retry-After").orElse(null);
                String type = r.headers().firstValue("Content-Type").orElse("");
                assertTrue(type.startsWith(PROBLEM), type);
            }
        }
        assertTrue(limited > 0, "320 requests at once exceed a burst of 100 at 50/s");
        assertTrue(retryAfter != null && Integer.parseInt(retryAfter) >= 1, "Retry-After: " + retryAfter);
        Thread.sleep(Integer.parseInt(retryAfter) * 1000L);
        given().auth().oauth2(token).get("/api/v1/members").then().statusCode(not(equalTo(429)));
        given().auth().oauth2(tokens().demoUser("fr-admin")).get("/api/v1/members").then().statusCode(not(equalTo(429)));
    }
}
