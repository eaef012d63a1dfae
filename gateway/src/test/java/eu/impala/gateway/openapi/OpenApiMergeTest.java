package eu.impala.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import eu.impala.gateway.routing.Upstream;

class OpenApiMergeTest {

    private static JsonObject doc(String path, String problemType) {
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("paths", new JsonObject().put(path, new JsonObject().put("get", new JsonObject())))
                .put("components", new JsonObject().put("schemas", new JsonObject()
                        .put("Problem", new JsonObject().put("type", problemType))))
                .put("security", new JsonArray().add(new JsonObject().put("jwt", new JsonArray())));
    }

    @Test
    void pathsOfAllServicesAreKeptAndSharedPartsAppearOnce() {
        Map<Upstream, JsonObject> docs = new EnumMap<>(Upstream.class);
        docs.put(Upstream.MEMBERSHIP, doc("/api/v1/members", "object"));
        docs.put(Upstream.CAMPAIGNS, doc("/api/v1/campaigns", "object"));
        docs.put(Upstream.NOTIFICATIONS, doc("/api/v1/notifications/inbox", "object"));

        JsonObject merged = OpenApiMerge.merge(docs, List.of());

        assertEquals(List.of("/api/v1/campaigns", "/api/v1/me", "/api/v1/members", "/api/v1/notifications/inbox"),
                List.copyOf(merged.getJsonObject("paths").fieldNames()));
        // the services' Problem once, and the gateway's own Me
        assertEquals(List.of("Problem", "Me"),
                List.copyOf(merged.getJsonObject("components").getJsonObject("schemas").fieldNames()));
        assertEquals(1, merged.getJsonArray("security").size());
        assertNull(merged.getValue(OpenApiMerge.UNAVAILABLE));
    }

    @Test
    void aServiceCannotPublishPathsThatTheGatewayRoutesElsewhere() {
        Map<Upstream, JsonObject> docs = new EnumMap<>(Upstream.class);
        docs.put(Upstream.CAMPAIGNS, doc("/api/v1/members/{id}", "object"));

        JsonObject merged = OpenApiMerge.merge(docs, List.of(Upstream.MEMBERSHIP, Upstream.NOTIFICATIONS));

        assertFalse(merged.getJsonObject("paths").containsKey("/api/v1/members/{id}"));
        assertEquals(List.of("membership-service", "notifications-service"),
                merged.getJsonArray(OpenApiMerge.UNAVAILABLE).getList());
    }

    @Test
    void theGatewayAddsItsOwnOperationAndNamesItselfAsTheServer() {
        Map<Upstream, JsonObject> docs = new EnumMap<>(Upstream.class);
        docs.put(Upstream.MEMBERSHIP, doc("/api/v1/members", "object"));

        JsonObject merged = OpenApiMerge.merge(docs, List.of(Upstream.CAMPAIGNS, Upstream.NOTIFICATIONS));

        JsonObject me = merged.getJsonObject("paths").getJsonObject("/api/v1/me").getJsonObject("get");
        assertEquals("getMe", me.getString("operationId"));
        assertEquals(List.of("Session"), me.getJsonArray("tags").getList());
        assertEquals("#/components/schemas/Me", me.getJsonObject("responses").getJsonObject("200")
                .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
        assertEquals("/", merged.getJsonArray("servers").getJsonObject(0).getString("url"));
        assertEquals("Session", merged.getJsonArray("tags").getJsonObject(0).getString("name"));
        // a component a service defines is the service's: the gateway's fallback Problem is not used
        assertEquals("object", merged.getJsonObject("components").getJsonObject("schemas")
                .getJsonObject("Problem").getString("type"));
        assertEquals(1, merged.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem").size());
    }

    @Test
    void aComponentThatDiffersOnlyThroughARenamedReferenceIsRenamedToo() {
        JsonObject schemas = new JsonObject()
                .put("Problem", new JsonObject().put("type", "object").put("properties", new JsonObject()
                        .put("errors", new JsonObject().put("$ref", "#/components/schemas/FieldError"))))
                .put("FieldError", new JsonObject().put("type", "object"));
        JsonObject membership = doc("/api/v1/members", "object");
        membership.getJsonObject("components").put("schemas", schemas.copy());
        JsonObject campaigns = doc("/api/v1/campaigns", "object");
        campaigns.getJsonObject("components").put("schemas", schemas.copy());
        campaigns.getJsonObject("components").getJsonObject("schemas").getJsonObject("FieldError").put("title", "row");
        Map<Upstream, JsonObject> docs = new EnumMap<>(Upstream.class);
        docs.put(Upstream.MEMBERSHIP, membership);
        docs.put(Upstream.CAMPAIGNS, campaigns);

        JsonObject merged = OpenApiMerge.merge(docs, List.of()).getJsonObject("components").getJsonObject("schemas");

        // campaigns' FieldError differs, so its Problem (same text, but pointing at it) must not become membership's
        assertEquals("#/components/schemas/CampaignsFieldError", merged.getJsonObject("CampaignsProblem")
                .getJsonObject("properties").getJsonObject("errors").getString("$ref"));
        assertEquals("#/components/schemas/FieldError", merged.getJsonObject("Problem")
                .getJsonObject("properties").getJsonObject("errors").getString("$ref"));
        assertEquals("row", merged.getJsonObject("CampaignsFieldError").getString("title"));
    }

    @Test
    void aComponentTwoServicesDefineDifferentlyIsRenamedForTheSecondAndItsReferencesFollow() {
        Map<Upstream, JsonObject> docs = new EnumMap<>(Upstream.class);
        docs.put(Upstream.MEMBERSHIP, doc("/api/v1/members", "object"));
        JsonObject campaigns = doc("/api/v1/campaigns", "string");
        campaigns.getJsonObject("paths").getJsonObject("/api/v1/campaigns").getJsonObject("get").put("responses",
                new JsonObject().put("400", new JsonObject().put("content", new JsonObject().put("application/problem+json",
                        new JsonObject().put("schema", new JsonObject().put("$ref", "#/components/schemas/Problem"))))));
        docs.put(Upstream.CAMPAIGNS, campaigns);

        JsonObject merged = OpenApiMerge.merge(docs, List.of());

        JsonObject schemas = merged.getJsonObject("components").getJsonObject("schemas");
        assertEquals("object", schemas.getJsonObject("Problem").getString("type"));
        assertEquals("string", schemas.getJsonObject("CampaignsProblem").getString("type"));
        assertEquals("#/components/schemas/CampaignsProblem", merged.getJsonObject("paths").getJsonObject("/api/v1/campaigns")
                .getJsonObject("get").getJsonObject("responses").getJsonObject("400").getJsonObject("content")
                .getJsonObject("application/problem+json").getJsonObject("schema").getString("$ref"));
        // the service's own document is left as it was
        assertEquals("#/components/schemas/Problem", campaigns.getJsonObject("paths").getJsonObject("/api/v1/campaigns")
                .getJsonObject("get").getJsonObject("responses").getJsonObject("400").getJsonObject("content")
                .getJsonObject("application/problem+json").getJsonObject("schema").getString("$ref"));
    }
}
