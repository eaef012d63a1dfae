package eu.impala.gateway;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import eu.impala.local.Ports;

/**
 * A gateway for anonymous callers only, behind the given trusted proxies, with a bucket of two requests that does
 * not refill within a test run. No Keycloak: an anonymous request never reaches it, and the real servers belong to
 * the first profile's run (another profile would start them again beside the running ones).
 */
public abstract class AnonymousCallersProfile implements QuarkusTestProfile {

    /** The value of {@code impala.gateway.trusted-proxies}. */
    protected abstract String trustedProxies();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("impala.gateway.trusted-proxies", trustedProxies(),
                "impala.gateway.rate-limit.per-second", "0.001",
                "impala.gateway.rate-limit.burst", "2",
                "quarkus.oidc.auth-server-url", "http://127.0.0.1:" + Ports.free() + "/realms/impala",
                "quarkus.oidc.connection-delay", "0s");
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EchoUpstream.class));
    }
}
