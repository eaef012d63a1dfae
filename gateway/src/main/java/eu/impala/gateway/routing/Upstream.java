package eu.impala.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

/** The services behind the gateway and the API paths each one owns. */
public enum Upstream {
    MEMBERSHIP(GatewayConfig::membershipUrl, List.of("/api/v1/members", "/api/v1/associations")),
    CAMPAIGNS(GatewayConfig::campaignsUrl, List.of("/api/v1/campaigns")),
    NOTIFICATIONS(GatewayConfig::notificationsUrl, List.of("/api/v1/notifications"));

    private final Function<GatewayConfig, URI> url;
    private final List<String> prefixes;

    Upstream(Function<GatewayConfig, URI> url, List<String> prefixes) {
        this.url = url;
        this.prefixes = prefixes;
    }

    public URI url(GatewayConfig config) {
        return url.apply(config);
    }

    public List<String> prefixes() {
        return prefixes;
    }

    public String serviceName() {
        return name().toLowerCase(java.util.Locale.ROOT) + "-service";
    }
}
