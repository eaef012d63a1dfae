package eu.impala.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * PostgreSQL, Kafka and Keycloak together: started in parallel where they can be, stopped in reverse order by
 * {@link #close()} or, at the latest, by a JVM shutdown hook. Tests share one instance per JVM.
 */
public final class LocalServers implements AutoCloseable {

    /** The servers a caller can ask for. Keycloak keeps its data in PostgreSQL, so it brings PostgreSQL along. */
    public enum Server { POSTGRES, KAFKA, KEYCLOAK }

    /** Ports to use; 0 means a free one (tests). */
    public record Ports(int postgres, int kafka, int keycloak) {
        public static final Ports FREE = new Ports(0, 0, 0);
    }

    /** The service databases (docs/architecture.md, "Services and what each owns"): one per service, none shared. */
    public static final List<String> SERVICE_DATABASES = List.of("membership", "campaigns", "notifications");

    private static LocalServers shared;

    private final Path home;
    private final Ports ports;
    private final boolean durable;
    private final Collection<String> extraTopics;
    private final Map<Server, Long> startMillis = new LinkedHashMap<>();
    private volatile PostgresServer postgres;
    private volatile KafkaBroker kafka;
    private volatile KeycloakServer keycloak;
    private final Thread shutdownHook = new Thread(this::close, "impala-local-servers-stop");

    public LocalServers(Path home, Ports ports, boolean durable, Collection<String> extraTopics) {
        this.home = home;
        this.ports = ports;
        this.durable = durable;
        this.extraTopics = List.copyOf(extraTopics);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The servers of this test JVM, started on first use in a fresh directory of the module under test
     * ({@code <impala.local.dir>/<module>}), on free ports, and stopped when the JVM exits.
     */
    public static synchronized LocalServers forTests(Set<Server> wanted, Collection<String> extraTopics) {
        if (shared == null) {
            Path dir = LocalDirs.servers().resolve(Path.of("").toAbsolutePath().getFileName().toString());
            try {
                KeycloakServer.deleteTree(dir);
            } catch (IOException e) {
                throw new ServerStartException("cannot clear " + dir + ": " + e.getMessage(), e);
            }
            shared = new LocalServers(dir, Ports.FREE, false, extraTopics);
        }
        return shared.ensure(wanted);
    }

    /** Starts whichever of {@code wanted} is not running yet; PostgreSQL first when Keycloak needs it. */
    public synchronized LocalServers ensure(Set<Server> wanted) {
        EnumSet<Server> need = wanted.isEmpty() ? EnumSet.noneOf(Server.class) : EnumSet.copyOf(wanted);
        if (need.contains(Server.KEYCLOAK)) {
            need.add(Server.POSTGRES);
        }
        CompletableFuture<Void> kafkaStart = CompletableFuture.completedFuture(null);
        if (need.contains(Server.KAFKA) && kafka == null) {
            kafkaStart = CompletableFuture.runAsync(() -> kafka = timed(Server.KAFKA,
                    () -> new KafkaBroker(home.resolve("kafka"), ports.kafka(), extraTopics).start()));
        }
        try {
            if (need.contains(Server.POSTGRES) && postgres == null) {
                postgres = timed(Server.POSTGRES, () -> {
                    PostgresServer pg = new PostgresServer(home.resolve("postgres"), ports.postgres(), durable).start();
                    SERVICE_DATABASES.forEach(pg::ensureDatabase);
                    return pg;
                });
            }
            if (need.contains(Server.KEYCLOAK) && keycloak == null) {
                keycloak = timed(Server.KEYCLOAK, () -> new KeycloakServer(home.resolve("keycloak"),
                        LocalDirs.realmFile(), ports.keycloak(), postgres).start());
            }
            kafkaStart.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return this;
    }

    /**
     * For an owner that stops these servers itself, after the processes that use them (the platform): JVM
     * shutdown hooks run concurrently, so ours would stop PostgreSQL and Kafka under the running services.
     */
    void handOverShutdown() {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }

    public PostgresServer postgres() {
        return require(postgres, Server.POSTGRES);
    }

    public KafkaBroker kafka() {
        return require(kafka, Server.KAFKA);
    }

    public KeycloakServer keycloak() {
        return require(keycloak, Server.KEYCLOAK);
    }

    public boolean running(Server server) {
        return switch (server) {
            case POSTGRES -> postgres != null;
            case KAFKA -> kafka != null;
            case KEYCLOAK -> keycloak != null;
        };
    }

    public Path home() {
        return home;
    }

    /** Start time (ms) and resident memory (KiB) of each running server, for the figures we report. */
    public List<String> figures() {
        List<String> lines = new ArrayList<>();
        startMillis.forEach((server, ms) -> {
            ManagedProcess p = switch (server) {
                case POSTGRES -> postgres == null ? null : postgres.process();
                case KAFKA -> kafka == null ? null : kafka.process();
                case KEYCLOAK -> keycloak == null ? null : keycloak.process();
            };
            if (p != null) {
                lines.add(String.format("%-9s started in %5.1f s, RSS %4d MiB", server, ms / 1000.0, p.rssKiB() / 1024));
            }
        });
        return lines;
    }

    @Override
    public synchronized void close() {
        if (keycloak != null) {
            keycloak.close();
            keycloak = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
    }

    private <T> T timed(Server server, java.util.function.Supplier<T> start) {
        long t0 = System.nanoTime();
        T started = start.get();
        synchronized (startMillis) {
            startMillis.put(server, (System.nanoTime() - t0) / 1_000_000);
        }
        return started;
    }

    private static <T> T require(T server, Server which) {
        if (server == null) {
            throw new IllegalStateException(which + " was not started; ask for it in ensure(...)");
        }
        return server;
    }
}
