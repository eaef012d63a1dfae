package eu.impala.local;

import java.nio.file.Path;
import java.util.List;

/** One of the four services as the local platform runs it: its module, ports and database. */
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

    /**
     * Where its health and metrics answer in the local run: Quarkus' management interface, 1,000 above the API's
     * port (9080 for the gateway, 9081 for membership, …), as a pod has them on 9000 beside the API's 8080.
     */
    public int defaultManagementPort() {
        return defaultPort + 1000;
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
