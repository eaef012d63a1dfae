package eu.impala.notifications;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.local.OpenApiLint;
import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document is the frontend team's contract: it passes the platform's rules and names what it promises. */
@QuarkusTest
class OpenApiContractTest {

    /** The one-click unsubscribe of emails: its link's signed token is the authority, no bearer token. */
    private static final Set<String> PUBLIC = Set.of("showUnsubscribePage", "unsubscribe");

    @Test
    void theDocumentPassesThePlatformsOpenApiRules() throws Exception {
        List<String> problems = OpenApiLint.problems(document(), PUBLIC, false);
        assertTrue(problems.isEmpty(), problems.size() + " problem(s):\n" + String.join("\n", problems));
    }

    @Test
    void everyOperationKeepsTheOperationIdClientsAreGeneratedWith() throws Exception {
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("POST /api/v1/notifications/announcements", "createAnnouncement"),
                Map.entry("GET /api/v1/notifications/announcements", "listAnnouncements"),
                Map.entry("GET /api/v1/notifications/announcements/{id}", "getAnnouncement"),
                Map.entry("PUT /api/v1/notifications/announcements/{id}", "replaceAnnouncement"),
                Map.entry("GET /api/v1/notifications/announcements/{id}/preview", "previewAnnouncement"),
                Map.entry("POST /api/v1/notifications/announcements/{id}/test-send", "testSendAnnouncement"),
                Map.entry("POST /api/v1/notifications/announcements/{id}/send", "sendAnnouncement"),
                Map.entry("POST /api/v1/notifications/announcements/{id}/cancel", "cancelAnnouncement"),
                Map.entry("GET /api/v1/notifications/announcements/{id}/statistics", "getAnnouncementStatistics"),
                Map.entry("GET /api/v1/notifications/deliveries", "listDeliveries"),
                Map.entry("GET /api/v1/notifications/deliveries/{id}", "getDelivery"),
                Map.entry("POST /api/v1/notifications/deliveries/{id}/retry", "retryDelivery"),
                Map.entry("GET /api/v1/notifications/inbox", "listInboxNotices"),
                Map.entry("GET /api/v1/notifications/inbox/unread-count", "countUnreadNotices"),
                Map.entry("POST /api/v1/notifications/inbox/{id}/read", "markNoticeRead"),
                Map.entry("GET /api/v1/notifications/preferences/{contactId}", "getNotificationPreferences"),
                Map.entry("PUT /api/v1/notifications/preferences/{contactId}", "replaceNotificationPreferences"),
                Map.entry("POST /api/v1/notifications/webhooks", "createWebhook"),
                Map.entry("GET /api/v1/notifications/webhooks", "listWebhooks"),
                Map.entry("DELETE /api/v1/notifications/webhooks/{id}", "deleteWebhook"),
                Map.entry("POST /api/v1/notifications/webhooks/{id}/secret", "rotateWebhookSecret"),
                Map.entry("GET /api/v1/notifications/webhooks/{id}/deliveries", "listWebhookDeliveries"),
                Map.entry("GET /api/v1/notifications/unsubscribe", "showUnsubscribePage"),
                Map.entry("POST /api/v1/notifications/unsubscribe", "unsubscribe")));
        Map<String, String> found = new TreeMap<>();
        OpenApiLint.forEachOperation(document(), (where, operation) -> found.put(where, operation.path("operationId").asText()));
        assertEquals(expected, found);
    }

    @Test
    void everyOperationButTheUnsubscribeLinkNeedsABearerTokenOfTheJwtScheme() throws Exception {
        JsonNode doc = document();
        OpenApiLint.forEachOperation(doc, (where, operation) -> {
            JsonNode security = operation.path("security");
            if (PUBLIC.contains(operation.path("operationId").asText())) {
                assertTrue(security.isArray() && security.isEmpty(), where + " states security: [] " + security);
                return;
            }
            assertEquals(1, security.size(), where + " " + security);
            assertTrue(security.get(0).has("jwt"), where + " names the jwt scheme: " + security);
        });
        assertEquals("bearer", doc.at("/components/securitySchemes/jwt/scheme").asText());
    }

    @Test
    void everyClientErrorIsDocumentedAsAProblem() throws Exception {
        OpenApiLint.forEachOperation(document(), (where, operation) -> operation.path("responses").fields().forEachRemaining(r -> {
            if (r.getKey().startsWith("4")) {
                assertEquals("#/components/schemas/Problem",
                        r.getValue().at("/content/application~1problem+json/schema/$ref").asText(), where + " " + r.getKey());
            }
        }));
    }

    private static JsonNode document() throws Exception {
        return new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }
}
