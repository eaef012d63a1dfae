package eu.impala.gateway.routing;

import java.util.List;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps the {@code uri} tag of the gateway's request timer to the routes it proxies. The gateway's routes are
 * prefixes, so Quarkus tags each request with its raw path: one series per member, campaign or sync run id (and one
 * per made-up path a caller sends), times the timer's buckets. Per-endpoint latency is the services' to report
 * (their tags are their endpoints' templates); the gateway's tells which route, for the dashboard's golden signals.
 */
@Singleton
public class BoundedUris implements MeterFilter {

    private static final String TIMER = "http.server.requests";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!TIMER.equals(id.getName())) {
            return id;
        }
        String uri = id.getTag("uri");
        if (uri == null || !uri.startsWith("/api/")) {
            return id;
        }
        List<Tag> tags = id.getTags().stream().map(t -> "uri".equals(t.getKey()) ? Tag.of("uri", route(uri)) : t).toList();
        return id.replaceTags(tags);
    }

    /** The route a path under /api takes: an owned prefix, followed by {@code /**} when the path goes on below it. */
    static String route(String path) {
        if (path.equals("/api/v1/me")) {
            return path;
        }
        for (Upstream upstream : Upstream.values()) {
            for (String prefix : upstream.prefixes()) {
                if (path.equals(prefix)) {
                    return prefix;
                }
                if (path.startsWith(prefix + "/")) {
                    return prefix + "/**";
                }
            }
        }
        return "/api/**";
    }
}
