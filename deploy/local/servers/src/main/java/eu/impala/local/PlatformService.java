package eu.impala.local;

import java.nio.file.Path;
import java.util.List;

/** One of the four services as the local platform runs it: its module, port and database. */
public enum PlatformService {
    MEMBERSHIP("membership-service", 8081, "membership"),
    CAMPAIGNS("campaigns-service", 8082, "campaigns"),
    NOTIFICATIONS("notifications-service", 8083, "notifications"),
    GATEWAY("gateway", 8080, null);

    private final String module;
    private final int defaultPort;
    private final String database;

    PlatformService(String module, int defaultPort, String database) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Null for the gateway, which keeps no data. */
    public String database() {
        return database;
    }

    /** The runnable Quarkus application that {@code ./mvnw package} built. */
    public Path runner(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Started in this order, stopped in the reverse one: the gateway last up, first down. */
    public static List<PlatformService> startOrder() {
        return List.of(MEMBERSHIP, CAMPAIGNS, NOTIFICATIONS, GATEWAY);
    }
}
