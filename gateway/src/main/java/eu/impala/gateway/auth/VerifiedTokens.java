package eu.impala.gateway.auth;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer tokens the gateway has verified, remembered until they expire and for at most
 * {@code impala.gateway.token-cache.time-to-live}: a caller's token is verified (signature against the realm's keys,
 * issuer, audience, lifetime) by quarkus-oidc once, and its next requests skip the RSA check and the JSON parsing.
 * Only the exact token string hits; a token that failed is never remembered, so a forged or tampered one costs a full
 * verification every time. The services verify every token again whatever the gateway remembers.
 */
@ApplicationScoped
public class VerifiedTokens implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    private final OidcAuthenticationMechanism oidc;
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    /** When a full cache may next be swept for expired tokens: at most once a second, not on every miss. */
    private final AtomicLong nextSweep = new AtomicLong(System.nanoTime());
    private final int maxSize;
    private final long timeToLiveNanos;

    /** A verified identity and the moment (System.nanoTime) it stops counting. */
    private record Remembered(SecurityIdentity identity, long expiresAt) {
    }

    public VerifiedTokens(OidcAuthenticationMechanism oidc, TokenCacheConfig config, MeterRegistry registry) {
        this.oidc = oidc;
        this.maxSize = config.maxSize();
        this.timeToLiveNanos = config.timeToLive().toNanos();
        // hit ratio: impala_gateway_token_cache_lookups_total{result="hit"} over the sum of both results
        FunctionCounter.builder("impala.gateway.token.cache.lookups", hits, LongAdder::sum).tag("result", "hit")
                .description("Bearer tokens looked up among the remembered verifications, by result").register(registry);
        FunctionCounter.builder("impala.gateway.token.cache.lookups", misses, LongAdder::sum).tag("result", "miss")
                .description("Bearer tokens looked up among the remembered verifications, by result").register(registry);
        Gauge.builder("impala.gateway.token.cache.entries", verified, Map::size)
                .description("Verified tokens remembered now").register(registry);
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = bearer(context);
        if (token == null) {
            return oidc.authenticate(context, identityProviderManager);
        }
        if (maxSize == 0) {
            misses.increment();
            return oidc.authenticate(context, identityProviderManager);
        }
        long now = System.nanoTime();
        Remembered known = verified.get(token);
        if (known != null) {
            if (now - known.expiresAt() < 0) {
                hits.increment();
                return Uni.createFrom().item(known.identity());
            }
            verified.remove(token, known);
        }
        misses.increment();
        return oidc.authenticate(context, identityProviderManager).invoke(identity -> remember(token, identity, now));
    }

    private void remember(String token, SecurityIdentity identity, long now) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        long millisLeft = jwt.getExpirationTime() * 1000 - System.currentTimeMillis();
        long lifetime = Math.min(timeToLiveNanos, millisLeft * 1_000_000L);
        if (lifetime <= 0) {
            return;
        }
        if (verified.size() >= maxSize) {
            long due = nextSweep.get();
            if (now - due >= 0 && nextSweep.compareAndSet(due, now + 1_000_000_000L)) {
                verified.values().removeIf(r -> now - r.expiresAt() >= 0); // one scan, on one event loop, per second
            }
            if (verified.size() >= maxSize) {
                return; // full of live tokens: this one is verified every time until room comes
            }
        }
        verified.put(token, new Remembered(withoutRequestState(identity), now + lifetime));
    }

    /** The identity without what belongs to the request that verified it (its RoutingContext). */
    private static SecurityIdentity withoutRequestState(SecurityIdentity identity) {
        QuarkusSecurityIdentity.Builder copy = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .setAnonymous(false);
        identity.getAttributes().forEach((name, value) -> {
            if (!(value instanceof RoutingContext)) {
                copy.addAttribute(name, value);
            }
        });
        return copy.build();
    }

    private static String bearer(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim() : null;
    }

    /** How many requests were let in on a remembered token (for tests and metrics). */
    public long hits() {
        return hits.sum();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return oidc.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return oidc.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return oidc.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return oidc.getPriority() + 1; // asked before quarkus-oidc's own mechanism, which then never sees a bearer token
    }
}
