package eu.impala.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The whole platform on one machine: PostgreSQL, Kafka and Keycloak, then the four services, each a real
 * process. Used by {@code ./run.sh} (fixed ports, data kept in {@code .impala-local/}) and by the end-to-end
 * tests (free ports, fresh data).
 */
public final class Platform implements AutoCloseable {

    /** The ports of the local run; the README lists them. */
    public static final LocalServers.Ports LOCAL_PORTS = new LocalServers.Ports(55432, 59092, 8180);

    private final Path repoRoot;
    private final LocalServers servers;
    private final boolean freePorts;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "impala-platform-stop");

    public Platform(Path repoRoot, Path home, boolean freePorts, boolean durable) {
        this.repoRoot = repoRoot;
        this.freePorts = freePorts;
        this.servers = new LocalServers(home, freePorts ? LocalServers.Ports.FREE : LOCAL_PORTS, durable, List.of());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public Platform start() {
        return start(EnumSet.allOf(PlatformService.class));
    }

    /** Starts the servers and only {@code which} of the services (a benchmark of one service needs no others). */
    public Platform start(java.util.Set<PlatformService> which) {
        servers.ensure(EnumSet.allOf(LocalServers.Server.class));
        Map<PlatformService, Integer> upstreams = new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.startOrder()) {
            if (!which.contains(service)) {
                continue;
            }
            int port = freePorts ? 0 : service.defaultPort();
            Map<PlatformService, Integer> forThis = service == PlatformService.GATEWAY ? upstreams : Map.of();
            ServiceProcess process = new ServiceProcess(service, port)
                    .start(repoRoot, servers.home().resolve("logs"), servers, forThis);
            services.add(process);
            upstreams.put(service, process.port());
        }
        return this;
    }

    public LocalServers servers() {
        return servers;
    }

    public String url(PlatformService service) {
        return services.stream().filter(s -> s.service() == service).findFirst().orElseThrow().url();
    }

    public List<String> figures() {
        List<String> lines = new ArrayList<>(servers.figures());
        services.forEach(s -> lines.add(s.figures()));
        return lines;
    }

    @Override
    public synchronized void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        services.clear();
        servers.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
    }

    /** {@code ./run.sh [--fresh]}: runs the platform until Ctrl-C. */
    public static void main(String[] args) throws IOException, InterruptedException {
        boolean fresh = List.of(args).contains("--fresh");
        Path root = LocalDirs.repoRoot();
        Path home = root.resolve(".impala-local");
        if (fresh) {
            System.out.println("Starting fresh: removing " + home);
            KeycloakServer.deleteTree(home);
        }
        long t0 = System.nanoTime();
        Platform platform = new Platform(root, home, false, true);
        try {
            platform.start();
        } catch (ServerStartException e) {
            System.err.println();
            System.err.println("The platform could not start: " + e.getMessage());
            platform.close();
            System.exit(1);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String kc = platform.servers().keycloak().url();
        System.out.println();
        System.out.printf("IMPALA platform is up in %.1f s (data in %s, logs in %s)%n", seconds, home, home.resolve("logs"));
        platform.figures().forEach(line -> System.out.println("  " + line));
        System.out.println();
        System.out.println("  gateway (API)      http://127.0.0.1:8080/api/v1/...");
        System.out.println("  membership         http://127.0.0.1:8081/q/openapi   (Swagger UI at /q/swagger-ui)");
        System.out.println("  campaigns          http://127.0.0.1:8082/q/openapi");
        System.out.println("  notifications      http://127.0.0.1:8083/q/openapi");
        System.out.println("  Keycloak           " + kc + "/admin  (admin / admin)");
        System.out.println("  PostgreSQL         127.0.0.1:55432 (impala / impala), Kafka 127.0.0.1:59092");
        System.out.println();
        System.out.println("  Demo users (password = user name + '-demo'): secretariat (platform-admin), fr-admin and "
                + "de-admin (association-admin), label-admin and artist-admin (member-admin);");
        System.out.println("  sync clients: sync-fr / sync-fr-dev-secret, sync-de / sync-de-dev-secret.");
        System.out.println();
        System.out.println("  Try it:");
        System.out.println("  TOKEN=$(curl -s -d grant_type=password -d client_id=impala-frontend -d username=secretariat "
                + "-d password=secretariat-demo " + kc + "/realms/impala/protocol/openid-connect/token "
                + "| sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')");
        System.out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' "
                + "-d '{\"kind\":\"COMPANY\",\"legalName\":\"Beggars Group Ltd\",\"displayName\":\"Beggars\","
                + "\"country\":\"GB\"}' http://127.0.0.1:8080/api/v1/members");
        System.out.println();
        System.out.println("  Ctrl-C stops everything.");
        Thread.currentThread().join();
    }
}
