package eu.impala.gateway.routing;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the services are and how long the gateway waits for them. */
@ConfigMapping(prefix = "impala.gateway")
public interface GatewayConfig {

    /** Base URL ({@code http://host:port}) of each service; env {@code IMPALA_GATEWAY_ROUTES_MEMBERSHIP} etc. */
    Routes routes();

    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * Longest silence from a service, counted from the end of the upload, before the gateway answers 504
     * (a 10,000-record sync takes seconds).
     */
    @WithDefault("30s")
    Duration upstreamTimeout();

    RateLimit rateLimit();

    /** Requests per client (token subject, else remote address) and replica. */
    interface RateLimit {

        /** Sustained requests per second. */
        @WithDefault("50")
        double perSecond();

        /** Requests allowed at once after a quiet spell. */
        @WithDefault("100")
        int burst();
    }

    /** The service base URLs, one per {@link Upstream}. */
    interface Routes {
        URI membership();

        URI campaigns();

        URI notifications();
    }
}
