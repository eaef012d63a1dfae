package eu.impala.gateway.routing;

import java.net.ConnectException;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Mounts the API on Quarkus' router: each service's paths go through a Vert.x reverse proxy that streams
 * bodies both ways and relays the bearer token. Only the public campaign pages are open to anonymous callers;
 * the token itself was already verified by quarkus-oidc before any route runs.
 */
@ApplicationScoped
public class ApiRoutes {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Logger LOG = Logger.getLogger(ApiRoutes.class);
    private static final String PUBLIC_CAMPAIGNS = "/api/v1/campaigns/public";

    void mount(@Observes Router router, Vertx vertx, GatewayConfig config) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(200));
        router.route().failureHandler(this::authenticationFailure);
        for (Upstream upstream : Upstream.values()) {
            HttpProxy proxy = proxy(client, upstream, upstream.url(config), config);
            for (String prefix : upstream.prefixes()) {
                router.route(prefix).handler(ctx -> forward(ctx, proxy));
                router.route(prefix + "/*").handler(ctx -> forward(ctx, proxy));
            }
        }
        router.route("/api/*").handler(ctx -> problem(ctx, 404, "not-found", "Not Found",
                "no service owns this path"));
    }

    private HttpProxy proxy(HttpClient client, Upstream upstream, URI url, GatewayConfig config) {
        SocketAddress origin = SocketAddress.inetSocketAddress(url.getPort(), url.getHost());
        return HttpProxy.reverseProxy(client)
                .origin(context -> client.request(new RequestOptions().setServer(origin)
                        .setIdleTimeout(config.upstreamTimeout().toMillis())))
                .addInterceptor(new Relay(upstream));
    }

    private void forward(RoutingContext ctx, HttpProxy proxy) {
        boolean anonymous = !(ctx.user() instanceof QuarkusHttpUser user) || user.getSecurityIdentity().isAnonymous();
        boolean open = ctx.request().method() == HttpMethod.GET && (ctx.normalizedPath().equals(PUBLIC_CAMPAIGNS) || ctx.normalizedPath().startsWith(PUBLIC_CAMPAIGNS + "/"));
        if (anonymous && !open) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            problem(ctx, 401, "unauthorized", "Unauthorized", "a valid bearer token from the impala realm is required");
            return;
        }
        String requestId = ctx.request().getHeader(REQUEST_ID);
        if (requestId == null || requestId.isBlank() || requestId.length() > 200) {
            ctx.request().headers().set(REQUEST_ID, UUID.randomUUID().toString());
        }
        ctx.response().putHeader(REQUEST_ID, ctx.request().getHeader(REQUEST_ID));
        // the services build links (Location) from these, so that clients only ever see the gateway
        if (ctx.request().authority() != null) {
            ctx.request().headers().set("X-Forwarded-Host", ctx.request().authority().toString());
        }
        ctx.request().headers().set("X-Forwarded-Proto", ctx.request().scheme());
        proxy.handle(ctx.request());
    }

    /** An invalid token (bad signature, expired, wrong issuer or audience) fails authentication: 401, as a problem. */
    private void authenticationFailure(RoutingContext ctx) {
        if (ctx.failure() instanceof AuthenticationFailedException) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            problem(ctx, 401, "unauthorized", "Unauthorized", "the bearer token is not valid for this API");
        } else {
            ctx.next();
        }
    }

    static void problem(RoutingContext ctx, int status, String slug, String title, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", GatewayProblems.MEDIA_TYPE)
                .end(GatewayProblems.body(slug, title, status, detail, ctx.request().path()));
    }

    /** Turns an upstream that cannot be reached or does not answer into a 503 or 504 problem. */
    private static final class Relay implements ProxyInterceptor {
        private final Upstream upstream;

        Relay(Upstream upstream) {
            this.upstream = upstream;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(failure -> {
                int status;
                String detail;
                if (failure instanceof ConnectException || failure.getCause() instanceof ConnectException) {
                    status = 503;
                    detail = upstream.serviceName() + " is not reachable; retry later";
                } else if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
                    status = 504;
                    detail = upstream.serviceName() + " did not answer in time";
                } else {
                    status = 502;
                    detail = upstream.serviceName() + " failed to answer";
                }
                LOG.warnf("%s %s -> %s: %s", context.request().getMethod(), context.request().getURI(),
                        upstream.serviceName(), failure.toString());
                String title = status == 503 ? "Service Unavailable" : status == 504 ? "Gateway Timeout" : "Bad Gateway";
                ProxyResponse response = context.request().release().response()
                        .setStatusCode(status)
                        .putHeader("Content-Type", GatewayProblems.MEDIA_TYPE)
                        .setBody(Body.body(Buffer.buffer(GatewayProblems.body(upstream.serviceName() + "-unavailable",
                                title, status, detail, context.request().getURI()))));
                return Future.succeededFuture(response);
            });
        }
    }
}
