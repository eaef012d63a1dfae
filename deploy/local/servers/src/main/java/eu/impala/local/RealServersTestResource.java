package eu.impala.local;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} the real servers of this JVM and injects their addresses: datasource URLs for
 * the service's own database, {@code kafka.bootstrap.servers} and the OIDC server URL.
 *
 * <p>Init args: {@code database} (default {@code impala_test}), {@code servers} (comma list of
 * postgres, kafka, keycloak; default all three), {@code topics} (extra topics to create).
 */
public class RealServersTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "impala_test";
    private Set<LocalServers.Server> servers = EnumSet.allOf(LocalServers.Server.class);
    private List<String> topics = List.of();

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        if (initArgs.containsKey("servers")) {
            servers = EnumSet.noneOf(LocalServers.Server.class);
            for (String s : initArgs.get("servers").split(",")) {
                servers.add(LocalServers.Server.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            }
        }
        if (initArgs.containsKey("topics")) {
            topics = Arrays.stream(initArgs.get("topics").split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        }
    }

    @Override
    public Map<String, String> start() {
        LocalServers local = LocalServers.forTests(servers, topics);
        Map<String, String> config = new HashMap<>();
        if (local.running(LocalServers.Server.POSTGRES)) {
            PostgresServer pg = local.postgres();
            pg.ensureDatabase(database);
            config.put("quarkus.datasource.username", PostgresServer.USER);
            config.put("quarkus.datasource.password", PostgresServer.PASSWORD);
            config.put("quarkus.datasource.reactive.url", pg.reactiveUrl(database));
            config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
        }
        if (local.running(LocalServers.Server.KAFKA)) {
            config.put("kafka.bootstrap.servers", local.kafka().bootstrapServers());
        }
        if (local.running(LocalServers.Server.KEYCLOAK)) {
            config.put("quarkus.oidc.auth-server-url", local.keycloak().realmUrl());
            config.put("impala.test.keycloak.url", local.keycloak().url());
        }
        local.figures().forEach(line -> System.out.println("[impala-local] " + line));
        return config;
    }

    @Override
    public void stop() {
        // The servers belong to the JVM, not to one test class: the shutdown hook stops them once at the end.
    }
}
