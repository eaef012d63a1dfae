package eu.impala.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /**
     * How often a GET, HEAD or OPTIONS is sent again, on a fresh connection, when the service could not be
     * reached or broke the connection before answering ({@link IdempotentRetry}).
     */
    @WithDefault("2")
    int retries();

    RateLimit rateLimit();

    /**
     * Addresses or CIDR ranges of the proxies in front of the gateway (the ingress controller's pods) whose
     * X-Forwarded-For and X-Forwarded-Proto it believes ({@link TrustedProxies}); unset: nobody's, the client is the
     * TCP peer. Env {@code IMPALA_GATEWAY_TRUSTED_PROXIES}, comma-separated.
     */
    Optional<List<String>> trustedProxies();

    /** The largest request body the gateway passes on (by its Content-Length); larger is a 413 problem. */
    @WithDefault("32M")
    io.quarkus.runtime.configuration.MemorySize maxBodySize();

    Breaker circuitBreaker();

    /** When the gateway stops sending to a failing service for a while. */
    interface Breaker {

        /** Failures in a row (unreachable or silent) that open the circuit. */
        @WithDefault("5")
        int failures();

        /** How long an open circuit answers 503 before one request probes the service again. */
        @WithDefault("30s")
        Duration openFor();
    }

    /** Requests per client (token subject, else the client's address) and replica. */
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
