package eu.impala.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.eclipse.microprofile.config.ConfigProvider;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.RealServersTestResource;

/** Real Keycloak (with its PostgreSQL) and an echoing upstream for every test of the gateway. */
@QuarkusTestResource(value = RealServersTestResource.class, initArgs = @ResourceArg(name = "servers", value = "keycloak"))
@QuarkusTestResource(EchoUpstream.class)
public final class GatewayTestServers {

    public static final String PROBLEM = "application/problem+json";

    private GatewayTestServers() {
    }

    public static KeycloakTokens tokens() {
        return new KeycloakTokens(keycloakUrl());
    }

    public static String keycloakUrl() {
        return ConfigProvider.getConfig().getValue("impala.test.keycloak.url", String.class);
    }
}
