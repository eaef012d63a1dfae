package eu.impala.gateway;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import eu.impala.local.Ports;

/**
 * A real HTTP server standing in for membership and campaigns: it answers with what it received (method, path,
 * query, Authorization, request id, forwarded headers, body size and digest), so tests see exactly what the gateway
 * relayed. {@code /api/v1/campaigns/silent} never answers; {@code /q/openapi} is a small document; {@link #PAGE} is
 * an HTML page with security headers of its own. Below {@code /flaky/}
 * (under any service's prefix) it counts the requests per path and closes the connection without an answer to
 * the first {@code fail} of them. Notifications points at a closed port: a service that is down.
 */
public class EchoUpstream implements QuarkusTestResourceLifecycleManager {

    public static final String SILENT = "/api/v1/campaigns/silent";
    public static final String PAGE = "/api/v1/campaigns/public/page.html";
    public static final String PAGE_POLICY = "default-src 'none'";
    public static final String UPSTREAM_TIMEOUT = "2s";
    private static final Map<String, AtomicInteger> RECEIVED = new ConcurrentHashMap<>();
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals(SILENT)) {
                return;
            }
            if (request.path().contains("/flaky/")) {
                int seen = RECEIVED.computeIfAbsent(request.path(), p -> new AtomicInteger()).incrementAndGet();
                String fail = request.getParam("fail");
                if (fail != null && seen <= Integer.parseInt(fail)) {
                    request.connection().close();
                    return;
                }
            }
            if (request.path().equals(PAGE)) {
                request.response().putHeader("Content-Type", "text/html; charset=UTF-8")
                        .putHeader("X-Content-Type-Options", "nosniff")
                        .putHeader("Content-Security-Policy", PAGE_POLICY)
                        .end("<!DOCTYPE html><title>page</title>");
                return;
            }
            if (request.path().equals("/q/openapi")) {
                request.response().putHeader("Content-Type", "application/json").end(OPENAPI.encode());
                return;
            }
            echo(request);
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("echo upstream did not start", e);
        }
        String url = "http://127.0.0.1:" + server.actualPort();
        return Map.of(
                "impala.gateway.routes.membership", url,
                "impala.gateway.routes.campaigns", url,
                "impala.gateway.routes.notifications", "http://127.0.0.1:" + Ports.free(),
                "impala.gateway.upstream-timeout", UPSTREAM_TIMEOUT,
                "impala.gateway.circuit-breaker.open-for", "2s");
    }

    /** How many requests for {@code path} (below {@code /flaky/}) reached this server. */
    public static int received(String path) {
        AtomicInteger count = RECEIVED.get(path);
        return count == null ? 0 : count.get();
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private static void echo(HttpServerRequest request) {
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
                        .put("traceparent", request.getHeader("traceparent"))
                        .put("forwardedHost", request.getHeader("X-Forwarded-Host"))
                        .put("forwardedProto", request.getHeader("X-Forwarded-Proto"))
                        .put("forwardedFor", request.getHeader("X-Forwarded-For"))
                        .put("forwardedPort", request.getHeader("X-Forwarded-Port"))
                        .put("bodyBytes", size[0])
                        .put("bodySha256", HexFormat.of().formatHex(digest.digest()))
                        .encode()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a service's /q/openapi looks like: its API paths, a path of its own, shared components. */
    private static final JsonObject OPENAPI = new JsonObject("""
            {"openapi": "3.1.0",
             "info": {"title": "echo", "version": "1"},
             "paths": {
               "/api/v1/members": {"post": {"summary": "register a member", "tags": ["Members"]}},
               "/api/v1/campaigns/public/{slug}": {"get": {"summary": "a published campaign"}},
               "/internal/status": {"get": {"summary": "not routed by the gateway"}}
             },
             "components": {
               "schemas": {"Problem": {"type": "object"}},
               "securitySchemes": {"jwt": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
             },
             "tags": [{"name": "Members"}],
             "security": [{"jwt": []}]}
            """);
}
