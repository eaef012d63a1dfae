package eu.impala.campaigns;

import org.eclipse.microprofile.config.ConfigProvider;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.RealServersTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL (database campaigns), Kafka and Keycloak for every test of this service. */
@QuarkusTestResource(value = RealServersTestResource.class, initArgs = @ResourceArg(name = "database", value = "campaigns"))
public final class CampaignsTestServers {

    private CampaignsTestServers() {
    }

    public static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A real Keycloak token of a demo user (secretariat, fr-admin, de-admin, label-admin, artist-admin). */
    public static String token(String user) {
        return KeycloakTokens.cachedDemoUser(ConfigProvider.getConfig().getValue("impala.test.keycloak.url", String.class), user);
    }
}
