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
 * gateway routes to it, and the components, tags and security requirements they share appear once. The gateway
 * adds its own part ({@code openapi/gateway.json}: {@code GET /api/v1/me}, its tag and schemas, used only where
 * no service defines the same component) and names itself as the server.
 */
final class OpenApiMerge {

    static final String UNAVAILABLE = "x-impala-unavailable";
    private static final Logger LOG = Logger.getLogger(OpenApiMerge.class);
    private static final JsonObject GATEWAY_PART = gatewayPart();

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
            doc = withoutClashes(doc, components, upstream);
            version = doc.getString("openapi", version);
            doc.getJsonObject("paths", new JsonObject()).forEach(path -> {
                if (upstream.owns(path.getKey())) {
                    paths.put(path.getKey(), path.getValue());
                }
            });
            // a name already there has the same shape: withoutClashes renamed the others
            addComponents(components, doc);
            addAbsent(tags, doc.getJsonArray("tags", new JsonArray()));
            addAbsent(security, doc.getJsonArray("security", new JsonArray()));
        }
        GATEWAY_PART.getJsonObject("paths").forEach(path -> paths.put(path.getKey(), path.getValue()));
        // the gateway's own components only where no service defined one of the name
        addComponents(components, GATEWAY_PART);
        addAbsent(tags, GATEWAY_PART.getJsonArray("tags"));
        List<String> missing = new ArrayList<>();
        unavailable.forEach(u -> missing.add(u.serviceName()));
        String description = "The IMPALA member services API, as served by the gateway: every path takes a bearer "
                + "token of the Keycloak realm 'impala' except GET /api/v1/campaigns/public/** and "
                + "GET /api/v1/statistics/members/public. Errors are RFC 9457 "
                + "application/problem+json."
                + (missing.isEmpty() ? "" : " Not included now (service unreachable): " + String.join(", ", missing) + ".");
        JsonObject merged = new JsonObject()
                .put("openapi", version)
                .put("info", new JsonObject().put("title", "IMPALA API").put("version", "1").put("description", description))
                // relative to where the document was fetched: the gateway, whatever host it is published on
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/")
                        .put("description", "The gateway that serves this document")))
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

    /**
     * The service's document with each component that another service already defined differently renamed after the
     * service ({@code StatusChangeRequest} → {@code CampaignsStatusChangeRequest}), and its references with it: two
     * services' schemas of one name must not become one, or an operation would point at the other service's shape.
     * Renaming rewrites references, which can make another component differ in turn (a {@code Problem} that refers
     * to a renamed {@code FieldError}): it repeats until nothing more differs. A new name is one free in both.
     */
    static JsonObject withoutClashes(JsonObject doc, JsonObject merged, Upstream upstream) {
        Map<String, String> renames = new java.util.TreeMap<>();
        String prefix = serviceWord(upstream);
        JsonObject current = doc;
        while (true) {
            boolean more = false;
            JsonObject own = current.getJsonObject("components", new JsonObject());
            for (String kind : new java.util.TreeSet<>(own.fieldNames())) {
                JsonObject known = merged.getJsonObject(kind, new JsonObject());
                JsonObject mine = own.getJsonObject(kind);
                for (String name : new java.util.TreeSet<>(mine.fieldNames())) {
                    String ref = "#/components/" + kind + "/" + name;
                    Object existing = known.getValue(name);
                    if (renames.containsValue(ref) || existing == null || existing.equals(mine.getValue(name))) {
                        continue;
                    }
                    String renamed = prefix + name;
                    for (int n = 2; mine.containsKey(renamed) || known.containsKey(renamed); n++) {
                        renamed = prefix + name + n;
                    }
                    renames.put(ref, "#/components/" + kind + "/" + renamed);
                    LOG.debugf("OpenAPI %s of %s differs from another service's: published as %s", ref,
                            upstream.serviceName(), renamed);
                    more = true;
                }
            }
            if (!more) {
                return current;
            }
            current = renamed(doc, renames);
        }
    }

    private static JsonObject renamed(JsonObject doc, Map<String, String> renames) {
        JsonObject copy = (JsonObject) rewriteRefs(doc.copy(), renames);
        JsonObject components = copy.getJsonObject("components");
        renames.forEach((from, to) -> {
            String[] a = from.split("/");
            String[] b = to.split("/");
            JsonObject kind = components.getJsonObject(a[2]);
            kind.put(b[3], kind.remove(a[3]));
        });
        return copy;
    }

    private static Object rewriteRefs(Object node, Map<String, String> renames) {
        if (node instanceof JsonObject object) {
            for (String key : List.copyOf(object.fieldNames())) {
                Object value = object.getValue(key);
                if ("$ref".equals(key) && value instanceof String ref && renames.containsKey(ref)) {
                    object.put(key, renames.get(ref));
                } else {
                    rewriteRefs(value, renames);
                }
            }
        } else if (node instanceof JsonArray array) {
            array.forEach(item -> rewriteRefs(item, renames));
        }
        return node;
    }

    /** {@code campaigns-service} → {@code Campaigns}. */
    private static String serviceWord(Upstream upstream) {
        String word = upstream.serviceName().split("-")[0];
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static JsonObject gatewayPart() {
        try (java.io.InputStream in = OpenApiMerge.class.getResourceAsStream("/openapi/gateway.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi/gateway.json is missing from the gateway's resources");
            }
            return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The document's components that {@code components} does not have by name yet. */
    private static void addComponents(JsonObject components, JsonObject doc) {
        doc.getJsonObject("components", new JsonObject()).forEach(kind -> {
            JsonObject merged = components.getJsonObject(kind.getKey(), new JsonObject());
            ((JsonObject) kind.getValue()).forEach(entry -> merged.getMap().putIfAbsent(entry.getKey(), entry.getValue()));
            components.put(kind.getKey(), merged);
        });
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
