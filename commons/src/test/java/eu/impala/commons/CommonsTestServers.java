package eu.impala.commons;

import eu.impala.local.RealServersTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The real PostgreSQL and Kafka every commons test runs against (Keycloak is not needed here). */
@QuarkusTestResource(value = RealServersTestResource.class, initArgs = {
    @ResourceArg(name = "database", value = "commons_test"),
    @ResourceArg(name = "servers", value = "postgres,kafka"),
    @ResourceArg(name = "topics", value = "commons.test-in.v1,commons.test-out.v1,commons.test-dead-letter.v1")
})
public class CommonsTestServers {
}
