package eu.impala.gateway.console;

import java.net.URI;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the console's users sign in: the realm as their browser reaches it, and the public client it signs in as. */
@ConfigMapping(prefix = "impala.gateway.console")
public interface ConsoleConfig {

    /**
     * The realm's URL as browsers reach it (the issuer of the tokens the gateway accepts); by default the gateway's
     * own {@code quarkus.oidc.auth-server-url}, which differs only where the gateway reaches Keycloak by another name.
     */
    URI keycloakUrl();

    /** The realm's public client with authorization code + PKCE. */
    @WithDefault("impala-frontend")
    String clientId();

    /** Scheme, host and port of {@link #keycloakUrl()}: what the console's page may connect to beside the gateway. */
    default String keycloakOrigin() {
        URI url = keycloakUrl();
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
