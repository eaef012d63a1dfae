package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import eu.impala.local.KeycloakTokens;

/**
 * Bad input through the gateway, to every service: malformed JSON, wrong types, unknown enum values, wrong
 * content types, oversized batches, fields the API does not know. Whatever it is, the answer is a 4xx
 * problem+json, never a 500.
 */
@ExtendWith(SharedPlatform.class)
class MalformedInputTest {

    private static final String FR = "0a5f0000-0000-4000-8000-000000000001";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static KeycloakTokens tokens;

    @BeforeAll
    static void tokens() {
        tokens = new KeycloakTokens(SharedPlatform.platform().servers().keycloak().url());
    }

    /** caller (a demo user, or sync-fr), method, path, content type, body, the status expected (0: any 4xx). */
    static Stream<Arguments> cases() {
        String member = "{\"kind\":\"COMPANY\",\"legalName\":\"L\",\"displayName\":\"D\",\"country\":\"FR\"}";
        String announcement = "{\"topic\":\"NEWSLETTERS\",\"translations\":{\"en\":{\"title\":\"T\",\"body\":\"B\"}},"
                + "\"segment\":{\"countries\":[\"IS\"]}}";
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
                Arguments.of("secretariat", "POST", "/api/v1/notifications/announcements", "application/json", "{\"topic\":", 400),
                Arguments.of("secretariat", "POST", "/api/v1/notifications/announcements", "application/json",
                        announcement.replace("NEWSLETTERS", "KARAOKE"), 0),
                Arguments.of("fr-admin", "POST", "/api/v1/notifications/announcements", "application/json",
                        announcement.replace("\"en\"", "\"xx\""), 0),
                Arguments.of("secretariat", "POST", "/api/v1/notifications/announcements", "application/json",
                        announcement.replace("{\"en\":{\"title\":\"T\",\"body\":\"B\"}}", "{}"), 0),
                Arguments.of("secretariat", "POST", "/api/v1/notifications/announcements", "application/json",
                        announcement.replace("\"T\"", "\"" + "T".repeat(201) + "\""), 0),
                Arguments.of("secretariat", "POST", "/api/v1/notifications/announcements", "application/json",
                        announcement.replace("\"countries\"", "\"memberKinds\":[\"ROBOT\"],\"countries\""), 0),
                Arguments.of("secretariat", "POST", "/api/v1/notifications/announcements", "application/json",
                        announcement.replace("\"T\"", "[\"T\"]"), 400),
                Arguments.of("secretariat", "POST", "/api/v1/notifications/announcements", "text/plain", announcement, 415),
                Arguments.of("secretariat", "GET", "/api/v1/notifications/announcements?status=LOST", null, null, 400),
                Arguments.of("secretariat", "GET", "/api/v1/notifications/announcements?limit=100000", null, null, 400),
                Arguments.of("secretariat", "GET", "/api/v1/campaigns?limit=100000", null, null, 400),
                Arguments.of("secretariat", "GET", "/api/v1/members?cursor=bm90LW91cnM", null, null, 400));
    }

    @ParameterizedTest(name = "{0} {1} {2} ({3}) -> {5}")
    @MethodSource("cases")
    void badInputIsAProblemNeverA500(String caller, String method, String path, String contentType, String body,
                                     int expected) throws Exception {
        HttpResponse<String> response = send(caller, method, path, contentType, body);
        if (expected != 0) {
            assertEquals(expected, response.statusCode(), response.body());
        }
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, response.statusCode() + " " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().map() + " " + response.body());
        assertTrue(!response.body().contains("Exception") && !response.body().contains("\tat "), "no stack trace: "
                + response.body());
    }

    /** caller, method, path, body with one field the endpoint does not have, and that field as the problem names it. */
    static Stream<Arguments> unknownFields() {
        String member = "{\"kind\":\"COMPANY\",\"legalName\":\"L\",\"displayName\":\"D\",\"country\":\"FR\"";
        String campaign = "{\"slug\":\"unknown-field\",\"title\":\"T\",\"summary\":\"S\",\"body\":\"B\",\"topic\":\"VAT\","
                + "\"kind\":\"DECLARATION\"";
        return Stream.of(
                Arguments.of("secretariat", "POST", "/api/v1/members", member + ",\"represntedBy\":\"" + FR + "\"}",
                        "represntedBy"),
                Arguments.of("secretariat", "POST", "/api/v1/members/" + UUID.randomUUID() + "/contacts",
                        "{\"name\":\"N\",\"email\":\"n@x.example\",\"role\":\"PRESS\",\"language\":\"en\",\"nickname\":\"n\"}",
                        "nickname"),
                Arguments.of("secretariat", "POST", "/api/v1/campaigns", campaign + ",\"eligibility\":{\"regions\":[\"EU\"]}}",
                        "eligibility.regions"),
                Arguments.of("label-admin", "POST", "/api/v1/campaigns/" + UUID.randomUUID() + "/signatures",
                        "{\"showName\":true,\"signedBy\":\"someone else\"}", "signedBy"),
                Arguments.of("fr-admin", "POST", "/api/v1/notifications/webhooks",
                        "{\"url\":\"https://hooks.example/in\",\"eventTypes\":[\"*\"],\"secret\":\"chosen-by-me\"}", "secret"),
                Arguments.of("fr-admin", "PUT", "/api/v1/notifications/preferences/" + UUID.randomUUID(),
                        "{\"channels\":{},\"digest\":\"DAILY\",\"language\":\"fr\"}", "language"),
                Arguments.of("secretariat", "POST", "/api/v1/notifications/announcements", "{\"topic\":\"NEWSLETTERS\","
                        + "\"translations\":{\"en\":{\"title\":\"T\",\"body\":\"B\"}},\"segment\":{},\"sender\":\"me\"}", "sender"),
                Arguments.of("sync-fr", "POST", "/api/v1/associations/" + FR + "/sync",
                        "{\"mode\":\"snapshot\",\"records\":[]}", "mode"));
    }

    @ParameterizedTest(name = "{0} {1} {2}: {4}")
    @MethodSource("unknownFields")
    void aFieldTheEndpointDoesNotKnowIsA400ProblemThatNamesIt(String caller, String method, String path, String body,
                                                             String field) throws Exception {
        HttpResponse<String> response = send(caller, method, path, "application/json", body);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(field, Api.read(response.body()).path("errors").path(0).path("field").asText(), response.body());
    }

    private static HttpResponse<String> send(String caller, String method, String path, String contentType, String body)
            throws Exception {
        String token = "sync-fr".equals(caller) ? tokens.clientCredentials("sync-fr", "sync-fr-dev-secret")
                : tokens.demoUser(caller);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SharedPlatform.gateway() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if ("PUT".equals(method)) {
            request.header("If-Match", "\"0\"");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tooManyRecords() {
        StringBuilder out = new StringBuilder("{\"records\":[");
        for (int i = 0; i <= 10_000; i++) {
            out.append(i == 0 ? "" : ",").append("{\"externalId\":\"X").append(i).append("\"}");
        }
        return out.append("]}").toString();
    }

}
