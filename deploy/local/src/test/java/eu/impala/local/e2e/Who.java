package eu.impala.local.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import eu.impala.local.KeycloakTokens;

/**
 * The callers of the access matrix, in the order of its columns: every role of the realm, each bound to the
 * national association whose data is its own ("home"), and the anonymous public.
 */
enum Who {
    ANONYMOUS(null, Tenant.Side.FR),
    SECRETARIAT("secretariat", Tenant.Side.FR),
    FR_ADMIN("fr-admin", Tenant.Side.FR),
    DE_ADMIN("de-admin", Tenant.Side.DE),
    LABEL_ADMIN("label-admin", Tenant.Side.FR),
    ARTIST_ADMIN("artist-admin", Tenant.Side.DE),
    SYNC_FR("sync-fr", Tenant.Side.FR),
    SYNC_DE("sync-de", Tenant.Side.DE);

    private final String login;
    private final Tenant.Side home;
    /** Tokens live 300 s in the realm: one is reused for 200 s at most. */
    private static final long REUSE_NANOS = 200_000_000_000L;
    private static final Map<Who, Object[]> TOKENS = new ConcurrentHashMap<>();

    Who(String login, Tenant.Side home) {
        this.login = login;
        this.home = home;
    }

    Tenant.Side home() {
        return home;
    }

    String login() {
        return login == null ? "anonymous" : login;
    }

    boolean isSyncClient() {
        return this == SYNC_FR || this == SYNC_DE;
    }

    /** A real token of this caller (client credentials for the sync clients), fetched once per run; null for anonymous. */
    String token(KeycloakTokens keycloak) {
        if (login == null) {
            return null;
        }
        Object[] cached = TOKENS.get(this);
        if (cached == null || System.nanoTime() - (long) cached[1] > REUSE_NANOS) {
            String token = isSyncClient() ? keycloak.clientCredentials(login, login + "-dev-secret")
                    : keycloak.demoUser(login);
            cached = new Object[] {token, System.nanoTime()};
            TOKENS.put(this, cached);
        }
        return (String) cached[0];
    }
}
