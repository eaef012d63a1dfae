package eu.impala.membership;

import org.eclipse.microprofile.config.ConfigProvider;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.RealServersTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL (database membership), Kafka and Keycloak for every test of this service. */
@QuarkusTestResource(value = RealServersTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
public final class MembershipTestServers {

    private MembershipTestServers() {
    }

    public static KeycloakTokens tokens() {
        return new KeycloakTokens(ConfigProvider.getConfig().getValue("impala.test.keycloak.url", String.class));
    }

    public static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
