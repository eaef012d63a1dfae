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

        assertEquals(List.of("/api/v1/campaigns", "/api/v1/members", "/api/v1/notifications/inbox"),
                List.copyOf(merged.getJsonObject("paths").fieldNames()));
        assertEquals(1, merged.getJsonObject("components").getJsonObject("schemas").size());
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
    void aComponentTwoServicesDefineDifferentlyKeepsTheFirstServicesShape() {
        Map<Upstream, JsonObject> docs = new EnumMap<>(Upstream.class);
        docs.put(Upstream.MEMBERSHIP, doc("/api/v1/members", "object"));
        docs.put(Upstream.CAMPAIGNS, doc("/api/v1/campaigns", "string"));

        JsonObject merged = OpenApiMerge.merge(docs, List.of());

        assertEquals("object", merged.getJsonObject("components").getJsonObject("schemas")
                .getJsonObject("Problem").getString("type"));
    }
}
