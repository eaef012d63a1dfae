package eu.impala.gateway.routing;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import eu.impala.local.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * A real HTTP server standing in for the services: it answers with what it received (method, path, query,
 * Authorization, request id, body size and digest), so tests see exactly what the gateway relayed.
 * Notifications points at a closed port: a service that is down.
 */
public class EchoUpstream implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            MessageDigest digest = sha256();
            long[] size = {0};
            request.handler(chunk -> {
                size[0] += chunk.length();
                digest.update(chunk.getBytes());
            });
            request.endHandler(v -> request.response()
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject()
                            .put("method", request.method().name())
                            .put("path", request.path())
                            .put("query", request.query())
                            .put("authorization", request.getHeader("Authorization"))
                            .put("requestId", request.getHeader("X-Request-Id"))
                            .put("bodyBytes", size[0])
                            .put("bodySha256", HexFormat.of().formatHex(digest.digest()))
                            .encode()));
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("echo upstream did not start", e);
        }
        String url = "http://127.0.0.1:" + server.actualPort();
        return Map.of(
                "impala.gateway.membership-url", url,
                "impala.gateway.campaigns-url", url,
                "impala.gateway.notifications-url", "http://127.0.0.1:" + Ports.free());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
