package eu.impala.gateway.openapi;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import eu.impala.gateway.routing.GatewayConfig;
import eu.impala.gateway.routing.Upstream;

/**
 * Serves {@code /q/openapi}: the services' documents fetched at request time and merged, so it is never staler
 * than the services behind it. A service that is down leaves its part out and is named in the document.
 */
@ApplicationScoped
public class MergedOpenApi {

    private static final Logger LOG = Logger.getLogger(MergedOpenApi.class);
    private static final long FETCH_TIMEOUT_MILLIS = 5_000;

    void mount(@Observes Router router, Vertx vertx, GatewayConfig config) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()));
        router.get("/q/openapi").handler(ctx -> serve(ctx, client, config));
    }

    private void serve(RoutingContext ctx, HttpClient client, GatewayConfig config) {
        List<Future<JsonObject>> fetches = new ArrayList<>();
        for (Upstream upstream : Upstream.values()) {
            fetches.add(fetch(client, upstream, config));
        }
        Future.join(fetches).onComplete(done -> {
            Map<Upstream, JsonObject> docs = new EnumMap<>(Upstream.class);
            List<Upstream> unavailable = new ArrayList<>();
            for (Upstream upstream : Upstream.values()) {
                Future<JsonObject> fetched = fetches.get(upstream.ordinal());
                if (fetched.succeeded()) {
                    docs.put(upstream, fetched.result());
                } else {
                    LOG.warnf("OpenAPI of %s not available: %s", upstream.serviceName(), fetched.cause().toString());
                    unavailable.add(upstream);
                }
            }
            ctx.response().putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-cache")
                    .end(OpenApiMerge.merge(docs, unavailable).encodePrettily());
        });
    }

    private Future<JsonObject> fetch(HttpClient client, Upstream upstream, GatewayConfig config) {
        return client.request(new RequestOptions().setServer(upstream.origin(config)).setMethod(HttpMethod.GET)
                        .setURI("/q/openapi?format=json").addHeader("Accept", "application/json")
                        .setTimeout(FETCH_TIMEOUT_MILLIS))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture("HTTP " + response.statusCode()))
                .map(JsonObject::new);
    }
}
