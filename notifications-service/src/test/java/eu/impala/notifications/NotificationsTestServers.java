package eu.impala.notifications;

import org.eclipse.microprofile.config.ConfigProvider;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.MailTestResource;
import eu.impala.local.RealServersTestResource;
import eu.impala.local.WebhookKeysTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL (database notifications), Kafka, Keycloak and SMTP for every test of this service. */
@QuarkusTestResource(value = RealServersTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(WebhookKeysTestResource.class)
public final class NotificationsTestServers {

    private NotificationsTestServers() {
    }

    public static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A real Keycloak token of a demo user (secretariat, fr-admin, de-admin, label-admin, artist-admin). */
    public static String token(String user) {
        return KeycloakTokens.cachedDemoUser(ConfigProvider.getConfig().getValue("impala.test.keycloak.url", String.class), user);
    }
}
