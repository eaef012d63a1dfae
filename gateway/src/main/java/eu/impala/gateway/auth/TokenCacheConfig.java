package eu.impala.gateway.auth;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many verified tokens the gateway remembers, and for how long at most (never past a token's expiry). */
@ConfigMapping(prefix = "impala.gateway.token-cache")
public interface TokenCacheConfig {

    /** Tokens remembered at once per replica; 0 verifies every request's token. */
    @WithDefault("10000")
    int maxSize();

    /** Longest a verified token is remembered: a signing key withdrawn from the realm stops counting after this. */
    @WithDefault("60s")
    Duration timeToLive();
}
