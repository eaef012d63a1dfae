package eu.impala.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.vertx.ext.web.RoutingContext;

/**
 * What the gateway answered on {@code /q/metrics}: API requests by route and status
 * ({@code impala_gateway_requests_total{route,status}}, whoever ended the exchange: the service, the gateway's own
 * problem, a failed token) and requests refused by the rate limit ({@code impala_gateway_rate_limited_total{route,
 * caller}}). A route is the service that owns the path ({@code membership}, {@code campaigns}, {@code notifications}),
 * {@code me}, or {@code none}: never the path itself, which carries ids.
 */
@Startup // made at start, not on first use: its series are on /q/metrics (at zero) before anything happens
@ApplicationScoped
public class GatewayMetrics {

    private static final String ROUTE = "impala.route";
    /** Every value {@link #route} can give. */
    private static final List<String> ROUTES = Stream.concat(Stream.of(Upstream.values())
            .map(u -> u.name().toLowerCase(Locale.ROOT)), Stream.of("me", "none")).toList();

    private final MeterRegistry registry;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Counter> limited = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        // every route and caller at zero from the start: the rate-limited share and its alert see a series before the first 429
        for (String route : ROUTES) {
            for (String caller : new String[] {"authenticated", "anonymous"}) {
                limitedCounter(route, caller);
            }
        }
    }

    /** First of the API's handlers: names the route and counts the answer once its status is sent. */
    void count(RoutingContext ctx) {
        String route = route(ctx.normalizedPath());
        ctx.put(ROUTE, route);
        ctx.addHeadersEndHandler(v -> requests.computeIfAbsent(route + " " + ctx.response().getStatusCode(),
                key -> Counter.builder("impala.gateway.requests").description("API requests, by route and answered status")
                        .tags("route", route, "status", Integer.toString(ctx.response().getStatusCode()))
                        .register(registry)).increment());
        ctx.next();
    }

    /** A request the rate limit refused; {@code anonymous} when its bucket was the client's address. */
    void rateLimited(RoutingContext ctx, boolean anonymous) {
        String route = ctx.get(ROUTE, "none");
        limitedCounter(route, anonymous ? "anonymous" : "authenticated").increment();
    }

    private Counter limitedCounter(String route, String caller) {
        return limited.computeIfAbsent(route + " " + caller, key -> Counter.builder("impala.gateway.rate.limited")
                .description("API requests refused by the rate limit (429)")
                .tags("route", route, "caller", caller).register(registry));
    }

    static String route(String path) {
        if (path == null) {
            return "none";
        }
        if (path.equals("/api/v1/me")) {
            return "me";
        }
        for (Upstream upstream : Upstream.values()) {
            if (upstream.owns(path)) {
                return upstream.name().toLowerCase(Locale.ROOT);
            }
        }
        return "none";
    }
}
