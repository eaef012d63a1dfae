package eu.impala.gateway.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;

import eu.impala.gateway.routing.Upstream;

/**
 * One OpenAPI document for the whole API, made of the services' own: each contributes only the paths the
 * gateway routes to it, and the components, tags and security requirements they share appear once.
 */
final class OpenApiMerge {

    static final String UNAVAILABLE = "x-impala-unavailable";
    private static final Logger LOG = Logger.getLogger(OpenApiMerge.class);

    private OpenApiMerge() {
    }

    /** {@code docs} in {@link Upstream} order; {@code unavailable} names the services whose part is missing. */
    static JsonObject merge(Map<Upstream, JsonObject> docs, List<Upstream> unavailable) {
        JsonObject paths = new JsonObject();
        JsonObject components = new JsonObject();
        JsonArray tags = new JsonArray();
        JsonArray security = new JsonArray();
        String version = "3.1.0";
        for (Upstream upstream : Upstream.values()) {
            JsonObject doc = docs.get(upstream);
            if (doc == null) {
                continue;
            }
            version = doc.getString("openapi", version);
            doc.getJsonObject("paths", new JsonObject()).forEach(path -> {
                if (upstream.owns(path.getKey())) {
                    paths.put(path.getKey(), path.getValue());
                }
            });
            doc.getJsonObject("components", new JsonObject()).forEach(kind -> {
                JsonObject merged = components.getJsonObject(kind.getKey(), new JsonObject());
                ((JsonObject) kind.getValue()).forEach(entry -> {
                    Object existing = merged.getValue(entry.getKey());
                    if (existing == null) {
                        merged.put(entry.getKey(), entry.getValue());
                    } else if (!existing.equals(entry.getValue())) {
                        // same name, different shape: the first service's wins; its refs stay valid
                        LOG.warnf("OpenAPI %s/%s of %s differs from another service's; keeping the first",
                                kind.getKey(), entry.getKey(), upstream.serviceName());
                    }
                });
                components.put(kind.getKey(), merged);
            });
            addAbsent(tags, doc.getJsonArray("tags", new JsonArray()));
            addAbsent(security, doc.getJsonArray("security", new JsonArray()));
        }
        List<String> missing = new ArrayList<>();
        unavailable.forEach(u -> missing.add(u.serviceName()));
        String description = "The IMPALA member services API, as served by the gateway: every path takes a bearer "
                + "token of the Keycloak realm 'impala' except GET /api/v1/campaigns/public/**. Errors are RFC 9457 "
                + "application/problem+json."
                + (missing.isEmpty() ? "" : " Not included now (service unreachable): " + String.join(", ", missing) + ".");
        JsonObject merged = new JsonObject()
                .put("openapi", version)
                .put("info", new JsonObject().put("title", "IMPALA API").put("version", "1").put("description", description))
                .put("paths", sorted(paths));
        if (!components.isEmpty()) {
            merged.put("components", components);
        }
        if (!tags.isEmpty()) {
            merged.put("tags", tags);
        }
        if (!security.isEmpty()) {
            merged.put("security", security);
        }
        if (!missing.isEmpty()) {
            merged.put(UNAVAILABLE, new JsonArray(missing));
        }
        return merged;
    }

    private static void addAbsent(JsonArray target, JsonArray items) {
        items.forEach(item -> {
            if (!target.contains(item)) {
                target.add(item);
            }
        });
    }

    private static JsonObject sorted(JsonObject paths) {
        JsonObject out = new JsonObject();
        paths.fieldNames().stream().sorted().forEach(name -> out.put(name, paths.getValue(name)));
        return out;
    }
}
