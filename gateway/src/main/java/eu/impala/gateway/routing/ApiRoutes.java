package eu.impala.gateway.routing;

import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import eu.impala.gateway.console.ConsoleConfig;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;

/**
 * Mounts the API on Quarkus' router: each service's paths go through a Vert.x reverse proxy that streams
 * bodies both ways and relays the bearer token. Only the public campaign pages, the anonymised member counts and the
 * unsubscribe link of emails are open to anonymous callers; the token itself was already verified by quarkus-oidc before any route runs.
 */
@ApplicationScoped
public class ApiRoutes {

    public static final String REQUEST_ID = "X-Request-Id";
    /** How a rate-limit bucket keyed by the client's address (an anonymous caller) starts. */
    private static final String ADDRESS = "address:";
    private static final String PUBLIC_CAMPAIGNS = "/api/v1/campaigns/public";
    /** The anonymised membership counts: one path, nothing under it. */
    private static final String PUBLIC_MEMBER_COUNTS = "/api/v1/statistics/members/public";
    /**
     * The one-click unsubscribe of emails (RFC 8058): GET shows its page, POST unsubscribes; the signed token in the
     * query is the only authority, checked by notifications. One path, nothing under it.
     */
    private static final String UNSUBSCRIBE = "/api/v1/notifications/unsubscribe";
    /** Forwarding headers the services' Quarkus would read: the gateway states For, Host and Proto, nothing else. */
    private static final List<String> UNVOUCHED = List.of("Forwarded", "X-Forwarded-Port", "X-Forwarded-Ssl",
            "X-Forwarded-Prefix", "X-Real-IP");

    private RateLimiter limiter;
    private long maxBody;
    private TrustedProxies proxies;
    private GatewayMetrics metrics;

    void mount(@Observes Router router, Vertx vertx, GatewayConfig config, ConsoleConfig console, GatewayMetrics metrics) {
        this.metrics = metrics;
        limiter = new RateLimiter(config.rateLimit().perSecond(), config.rateLimit().burst());
        maxBody = config.maxBodySize().asLongValue();
        proxies = TrustedProxies.of(config.trustedProxies().orElse(List.of()));
        // first of all routes, so that every answer has them, whichever handler ends the exchange
        router.route().order(RouteConstants.ROUTE_ORDER_HEADERS).handler(new SecurityHeaders(proxies, console.keycloakOrigin()));
        router.route("/api/*").order(RouteConstants.ROUTE_ORDER_HEADERS).handler(metrics::count);
        router.route("/api/*").order(RouteConstants.ROUTE_ORDER_HEADERS).handler(new RequestIds());
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(200));
        // a retry never takes a pooled connection: the one that just broke may have company
        HttpClient fresh = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(false));
        router.route().failureHandler(this::authenticationFailure);
        for (Upstream upstream : Upstream.values()) {
            CircuitBreaker breaker = new CircuitBreaker(config.circuitBreaker().failures(),
                    config.circuitBreaker().openFor().toNanos());
            HttpProxy proxy = proxy(client, fresh, upstream, upstream.origin(config), config, breaker);
            for (String prefix : upstream.prefixes()) {
                router.route(prefix).handler(ctx -> forward(ctx, proxy, upstream, breaker));
                router.route(prefix + "/*").handler(ctx -> forward(ctx, proxy, upstream, breaker));
            }
        }
        SocketAddress notifications = Upstream.NOTIFICATIONS.origin(config);
        router.get("/api/v1/me").handler(ctx -> {
            if (!admitted(ctx) || !withinRate(ctx)) {
                return;
            }
            eu.impala.gateway.me.Me.describe(((QuarkusHttpUser) ctx.user()).getSecurityIdentity(),
                            ctx.request().getHeader("Authorization"), client, notifications, 2000)
                    .onSuccess(me -> ctx.response().putHeader("Content-Type", "application/json")
                            .putHeader("Cache-Control", "no-store").end(me.encode()))
                    .onFailure(ctx::fail);
        });
        // Unknown API paths answer 404 only to a caller with a token: anonymous probing learns nothing.
        router.route("/api/*").handler(ctx -> {
            if (admitted(ctx)) {
                problem(ctx, 404, "not-found", "Not Found", "no service owns this path");
            }
        });
    }

    private HttpProxy proxy(HttpClient client, HttpClient fresh, Upstream upstream, SocketAddress origin,
                            GatewayConfig config, CircuitBreaker breaker) {
        long timeout = config.upstreamTimeout().toMillis();
        // interceptors run in this order: the failure becomes a 502/504 (and counts once) after the last retry
        return HttpProxy.reverseProxy(client)
                .origin(context -> {
                    boolean first = IdempotentRetry.firstAttempt(context);
                    return (first ? client : fresh).request(new RequestOptions().setServer(origin))
                            .map(request -> first ? UploadThenWait.arm(context.request(), request, timeout)
                                    : UploadThenWait.withoutBody(context.request(), request, timeout));
                })
                .addInterceptor(new UpstreamFailure(upstream, breaker))
                .addInterceptor(new IdempotentRetry(config.retries()));
    }

    private void forward(RoutingContext ctx, HttpProxy proxy, Upstream upstream, CircuitBreaker breaker) {
        if (!admitted(ctx) || !withinRate(ctx)) {
            return;
        }
        if (tooLarge(ctx)) {
            return;
        }
        CircuitBreaker.Permit permit = breaker.permit(System.nanoTime());
        if (!permit.allowed()) {
            ctx.response().putHeader("Retry-After", Long.toString(permit.retryAfterSeconds()));
            problem(ctx, 503, "service-unavailable", "Service Unavailable", upstream.serviceName()
                    + " failed repeatedly; the gateway gives it a rest: retry after the seconds in Retry-After");
            return;
        }
        traced(ctx);
        forwarded(ctx);
        proxy.handle(ctx.request());
    }

    /**
     * The service's request is part of the gateway's trace: traceparent names the gateway's span of this request,
     * replacing whatever the caller sent (its trace id was already taken over by that span).
     */
    private static void traced(RoutingContext ctx) {
        W3CTraceContextPropagator.getInstance().inject(Context.current(), ctx.request().headers(), MultiMap::set);
    }

    /**
     * What the services learn about the caller, replacing whatever the caller sent: the host and scheme it used (they
     * build links, Location, from these, so that clients only ever see the gateway) and its address alone, as
     * {@link TrustedProxies} found it, since the services' Quarkus takes the left-most X-Forwarded-For entry.
     */
    private void forwarded(RoutingContext ctx) {
        MultiMap headers = ctx.request().headers();
        UNVOUCHED.forEach(headers::remove);
        if (ctx.request().authority() != null) {
            headers.set("X-Forwarded-Host", ctx.request().authority().toString());
        }
        headers.set("X-Forwarded-Proto", proxies.scheme(ctx.request()));
        String client = proxies.client(ctx.request());
        if (client == null) {
            headers.remove("X-Forwarded-For");
        } else {
            headers.set("X-Forwarded-For", client);
        }
    }

    /** True when the caller has requests left; otherwise answers 429 with Retry-After. */
    boolean withinRate(RoutingContext ctx) {
        String client = client(ctx);
        RateLimiter.Decision decision = limiter.take(client, System.nanoTime());
        if (!decision.allowed()) {
            metrics.rateLimited(ctx, client.startsWith(ADDRESS));
            ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, decision.retryAfterSeconds())));
            problem(ctx, 429, "too-many-requests", "Too Many Requests", "this client sent more requests than the "
                    + "gateway allows; retry after the number of seconds in Retry-After");
            return false;
        }
        return true;
    }

    /** A body declared larger than the gateway passes on is a 413 problem before anything is read. */
    private boolean tooLarge(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        long declared;
        try {
            declared = length == null ? 0 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            problem(ctx, 400, "bad-request", "Bad Request", "Content-Length is not a number");
            return true;
        }
        if (declared > maxBody) {
            ctx.response().putHeader("Connection", "close");
            problem(ctx, 413, "payload-too-large", "Payload Too Large", "request bodies are limited to "
                    + maxBody / (1024 * 1024) + " MiB; split the upload (a sync takes up to 10,000 records per request)");
            return true;
        }
        return false;
    }

    /**
     * Who a rate limit counts: the token's subject (user or client), else the client's address, which behind the
     * ingress only its X-Forwarded-For tells ({@link TrustedProxies}).
     */
    private String client(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return "subject:" + user.getSecurityIdentity().getPrincipal().getName();
        }
        return ADDRESS + Objects.requireNonNullElse(proxies.client(ctx.request()), "?");
    }

    /**
     * True when the caller has a verified token, reads a public page (campaigns, member counts) or follows an
     * unsubscribe link; else answers 401.
     */
    static boolean admitted(RoutingContext ctx) {
        boolean anonymous = !(ctx.user() instanceof QuarkusHttpUser user) || user.getSecurityIdentity().isAnonymous();
        String path = ctx.normalizedPath();
        HttpMethod method = ctx.request().method();
        boolean open = method == HttpMethod.GET
                && (path.equals(PUBLIC_CAMPAIGNS) || path.startsWith(PUBLIC_CAMPAIGNS + "/")
                || path.equals(PUBLIC_MEMBER_COUNTS))
                || (method == HttpMethod.GET || method == HttpMethod.POST) && path.equals(UNSUBSCRIBE);
        if (anonymous && !open) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            problem(ctx, 401, "unauthorized", "Unauthorized", "a valid bearer token from the impala realm is required");
            return false;
        }
        return true;
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
}
