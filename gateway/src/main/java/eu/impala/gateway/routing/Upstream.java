package eu.impala.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.vertx.core.net.SocketAddress;

/** The services behind the gateway and the API paths each one owns. */
public enum Upstream {
    MEMBERSHIP(GatewayConfig.Routes::membership, List.of("/api/v1/members", "/api/v1/associations",
            "/api/v1/statistics/members")),
    CAMPAIGNS(GatewayConfig.Routes::campaigns, List.of("/api/v1/campaigns")),
    NOTIFICATIONS(GatewayConfig.Routes::notifications, List.of("/api/v1/notifications"));

    private final Function<GatewayConfig.Routes, URI> url;
    private final List<String> prefixes;

    Upstream(Function<GatewayConfig.Routes, URI> url, List<String> prefixes) {
        this.url = url;
        this.prefixes = prefixes;
    }

    /** Path prefixes this service owns; a path belongs to it when it equals one or continues it after a '/'. */
    public List<String> prefixes() {
        return prefixes;
    }

    public boolean owns(String path) {
        return prefixes.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    public String serviceName() {
        return name().toLowerCase(Locale.ROOT) + "-service";
    }

    /**
     * The service's socket address. Only a plain {@code http://host[:port]} is accepted: a path or https
     * would be silently ignored by the proxy, so a mistyped route fails the start instead.
     */
    public SocketAddress origin(GatewayConfig config) {
        URI uri = url.apply(config.routes());
        String key = "impala.gateway.routes." + name().toLowerCase(Locale.ROOT);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException(key + " must be http://host[:port], not " + uri);
        }
        return SocketAddress.inetSocketAddress(uri.getPort() == -1 ? 80 : uri.getPort(), uri.getHost());
    }
}
