package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.LocalDirs;
import eu.impala.local.Platform;
import eu.impala.local.PlatformService;

/**
 * Bad input through the gateway, to every service: malformed JSON, wrong types, unknown enum values, wrong
 * content types, oversized batches. Whatever it is, the answer is a 4xx problem+json, never a 500.
 */
class MalformedInputTest {

    private static final String FR = "0a5f0000-0000-4000-8000-000000000001";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path home;
    static Platform platform;
    static KeycloakTokens tokens;

    @BeforeAll
    static void startPlatform() {
        home.toFile().setExecutable(true, false);
        platform = new Platform(LocalDirs.repoRoot(), home, true, false);
        try {
            platform.start();
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
        tokens = new KeycloakTokens(platform.servers().keycloak().url());
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    /** caller (a demo user, or sync-fr), method, path, content type, body, the status expected (0: any 4xx). */
    static Stream<Arguments> cases() {
        String member = "{\"kind\":\"COMPANY\",\"legalName\":\"L\",\"displayName\":\"D\",\"country\":\"FR\"}";
        String campaign = "{\"slug\":\"bad-input\",\"title\":\"T\",\"summary\":\"S\",\"body\":\"B\",\"topic\":\"VAT\","
                + "\"kind\":\"DECLARATION\"}";
        return Stream.of(
                Arguments.of("secretariat", "POST", "/api/v1/members", "application/json", "{\"kind\":", 400),
                Arguments.of("secretariat", "POST", "/api/v1/members", "application/json",
                        member.replace("COMPANY", "ROBOT"), 400),
                Arguments.of("secretariat", "POST", "/api/v1/members", "application/json",
                        member.replace("\"L\"", "[\"L\"]"), 400),
                Arguments.of("secretariat", "POST", "/api/v1/members", "application/json", "[1, 2, 3]", 400),
                Arguments.of("secretariat", "POST", "/api/v1/members", "text/plain", member, 415),
                Arguments.of("sync-fr", "POST", "/api/v1/associations/" + FR + "/sync", "application/json",
                        "{\"records\": {\"not\": \"a list\"}}", 400),
                Arguments.of("sync-fr", "POST", "/api/v1/associations/" + FR + "/sync", "application/json", tooManyRecords(), 413),
                Arguments.of("sync-fr", "POST", "/api/v1/associations/" + FR + "/sync", "application/xml", "<records/>", 415),
                Arguments.of("secretariat", "POST", "/api/v1/campaigns", "application/json", "{\"slug\":", 400),
                Arguments.of("secretariat", "POST", "/api/v1/campaigns", "application/json",
                        campaign.replace("VAT", "KARAOKE"), 400),
                Arguments.of("secretariat", "POST", "/api/v1/campaigns", "application/json",
                        campaign.replace("\"T\"", "{\"title\": 1}"), 400),
                Arguments.of("label-admin", "POST", "/api/v1/campaigns/" + UUID.randomUUID() + "/signatures",
                        "application/json", "not json at all", 400),
                Arguments.of("label-admin", "POST", "/api/v1/campaigns/not-a-uuid/signatures", "application/json", "{}", 0),
                Arguments.of("fr-admin", "PUT", "/api/v1/notifications/preferences/" + UUID.randomUUID(), "application/json",
                        "{\"channels\":{\"CAMPAIGNS\":[\"PIGEON\"]},\"digest\":\"HOURLY\"}", 400),
                Arguments.of("fr-admin", "POST", "/api/v1/notifications/webhooks", "application/json", "{\"url\": 5}", 400),
                Arguments.of("fr-admin", "POST", "/api/v1/notifications/webhooks", "application/json", "{", 400),
                Arguments.of("secretariat", "GET", "/api/v1/notifications/deliveries?status=LOST", null, null, 400),
                Arguments.of("secretariat", "GET", "/api/v1/campaigns?limit=100000", null, null, 400),
                Arguments.of("secretariat", "GET", "/api/v1/members?cursor=bm90LW91cnM", null, null, 400));
    }

    @ParameterizedTest(name = "{0} {1} {2} ({3}) -> {5}")
    @MethodSource("cases")
    void badInputIsAProblemNeverA500(String caller, String method, String path, String contentType, String body,
                                     int expected) throws Exception {
        String token = "sync-fr".equals(caller) ? tokens.clientCredentials("sync-fr", "sync-fr-dev-secret")
                : tokens.demoUser(caller);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.url(PlatformService.GATEWAY) + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if ("PUT".equals(method)) {
            request.header("If-Match", "\"0\"");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (expected != 0) {
            assertEquals(expected, response.statusCode(), response.body());
        }
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, response.statusCode() + " " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().map() + " " + response.body());
        assertTrue(!response.body().contains("Exception") && !response.body().contains("\tat "), "no stack trace: "
                + response.body());
    }

    private static String tooManyRecords() {
        StringBuilder out = new StringBuilder("{\"records\":[");
        for (int i = 0; i <= 10_000; i++) {
            out.append(i == 0 ? "" : ",").append("{\"externalId\":\"X").append(i).append("\"}");
        }
        return out.append("]}").toString();
    }

}
