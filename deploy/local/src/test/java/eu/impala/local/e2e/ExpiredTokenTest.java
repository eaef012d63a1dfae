package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.PlatformService;

/**
 * A genuine token of the realm, signed by Keycloak, whose lifetime is over: 401 problem+json at the gateway and at
 * the service behind it. Quarkus OIDC grants no grace after {@code exp} unless
 * {@code quarkus.oidc.token.lifespan-grace} is set (it is unset everywhere here), so a second past it is enough.
 */
@ExtendWith(SharedPlatform.class)
class ExpiredTokenTest {

    private static final String DE = Tenant.Side.DE.association;
    private static final int LIFESPAN_SECONDS = 2;
    static String expired;
    static KeycloakTokens tokens;

    @BeforeAll
    static void obtainATokenAndLetItExpire() throws InterruptedException {
        String keycloak = SharedPlatform.platform().servers().keycloak().url();
        tokens = new KeycloakTokens(keycloak);
        KeycloakAdmin admin = new KeycloakAdmin(keycloak);
        admin.setClientAttribute("sync-de", "access.token.lifespan", Integer.toString(LIFESPAN_SECONDS));
        try {
            expired = tokens.clientCredentials("sync-de", "sync-de-dev-secret");
        } finally {
            admin.setClientAttribute("sync-de", "access.token.lifespan", "300");
        }
        var claims = Api.read(KeycloakTokens.payload(expired));
        long exp = claims.path("exp").asLong();
        assertEquals(LIFESPAN_SECONDS, exp - claims.path("iat").asLong(), "Keycloak issued the short-lived token");
        // used while valid, so that the gateway remembers it as verified: expiry must end that too
        HttpResponse<String> whileValid = Api.send("GET", SharedPlatform.gateway() + "/api/v1/associations/" + DE
                + "/changes", expired, null, Map.of());
        assertEquals(200, whileValid.statusCode(), "the short-lived token worked while valid: " + whileValid.body());
        while (System.currentTimeMillis() / 1000 <= exp + 1) {
            Thread.sleep(250);
        }
    }

    @Test
    void anExpiredTokenIsA401ProblemAtTheGateway() {
        assertRefused(SharedPlatform.gateway());
    }

    @Test
    void anExpiredTokenIsA401ProblemAtTheServiceItself() {
        assertRefused(SharedPlatform.platform().url(PlatformService.MEMBERSHIP));
    }

    /** The same request with a fresh token of the same client passes: the expiry alone makes the difference. */
    private static void assertRefused(String base) {
        String url = base + "/api/v1/associations/" + DE + "/changes";
        HttpResponse<String> fresh = Api.send("GET", url, tokens.clientCredentials("sync-de", "sync-de-dev-secret"), null,
                Map.of());
        assertEquals(200, fresh.statusCode(), fresh.body());
        HttpResponse<String> response = Api.send("GET", url, expired, null, Map.of());
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(Api.isProblem(response), response.headers().map().toString());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                response.headers().map().toString());
    }
}
