package eu.impala.gateway.routing;

import io.vertx.core.json.JsonObject;

/**
 * RFC 9457 problem bodies for what the gateway itself answers (401, 404, upstream failures). Same shape and
 * type URIs as commons' {@code Problem}, which the gateway does not depend on: commons brings REST, database
 * and Kafka extensions that the gateway has no use for.
 */
final class GatewayProblems {

    static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://api.impala.eu/problems/";

    private GatewayProblems() {
    }

    static String body(String slug, String title, int status, String detail, String instance) {
        return new JsonObject()
                .put("type", TYPE_BASE + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance)
                .encode();
    }
}
