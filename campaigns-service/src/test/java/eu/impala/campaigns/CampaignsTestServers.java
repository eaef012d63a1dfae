package eu.impala.campaigns;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.ConfigProvider;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.RealServersTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL (database campaigns), Kafka and Keycloak for every test of this service. */
@QuarkusTestResource(value = RealServersTestResource.class, initArgs = @ResourceArg(name = "database", value = "campaigns"))
public final class CampaignsTestServers {

    /** Tokens live 300 s in the realm; reused for 200 s so that a long suite never sends an expired one. */
    private static final long REUSE_NANOS = 200_000_000_000L;
    private static final Map<String, Object[]> TOKENS = new ConcurrentHashMap<>();

    private CampaignsTestServers() {
    }

    public static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A real Keycloak token of a demo user (secretariat, fr-admin, de-admin, label-admin, artist-admin). */
    public static String token(String user) {
        Object[] cached = TOKENS.get(user);
        if (cached != null && System.nanoTime() - (long) cached[1] < REUSE_NANOS) {
            return (String) cached[0];
        }
        String token = new KeycloakTokens(ConfigProvider.getConfig().getValue("impala.test.keycloak.url", String.class))
                .demoUser(user);
        TOKENS.put(user, new Object[] {token, System.nanoTime()});
        return token;
    }
}
