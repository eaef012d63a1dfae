package eu.impala.gateway.routing;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the services are and how long the gateway waits for them. */
@ConfigMapping(prefix = "impala.gateway")
public interface GatewayConfig {

    URI membershipUrl();

    URI campaignsUrl();

    URI notificationsUrl();

    @WithDefault("2s")
    Duration connectTimeout();

    /** Longest silence from a service before the gateway answers 504 (a 10,000-record sync takes seconds). */
    @WithDefault("30s")
    Duration upstreamTimeout();
}
