package eu.impala.notifications;

import org.eclipse.microprofile.config.ConfigProvider;

import eu.impala.local.RealServersTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL (database notifications), Kafka and Keycloak for every test of this service. */
@QuarkusTestResource(value = RealServersTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifications"))
public final class NotificationsTestServers {

    private NotificationsTestServers() {
    }

    public static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
