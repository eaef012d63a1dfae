package eu.impala.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The whole platform on one machine: PostgreSQL, Kafka and Keycloak, then the four services, each a real
 * process. Used by {@code ./run.sh} (fixed ports, data kept in {@code .impala-local/}) and by the end-to-end
 * tests (free ports, fresh data). Stopped in reverse order: services last started first, servers last.
 */
public final class Platform implements AutoCloseable {

    /** The ports of the local run; the README lists them. */
    public static final LocalServers.Ports LOCAL_PORTS = new LocalServers.Ports(55432, 59092, 8180);

    private final Path repoRoot;
    private final LocalServers servers;
    private final boolean freePorts;
    /** Where notifications-service sends email locally: a real SMTP server in this JVM. */
    public static final int LOCAL_SMTP_PORT = 3025;
    /** Where the local SMTP server's IMAP side serves the unsubscribe mailbox. */
    public static final int LOCAL_IMAP_PORT = 3143;

    private final List<ServiceProcess> services = new ArrayList<>();
    private MailServer mail;
    private final Map<PlatformService, Map<String, String>> serviceEnv = new EnumMap<>(PlatformService.class);
    private final Thread shutdownHook = new Thread(this::close, "impala-platform-stop");

    public Platform(Path repoRoot, Path home, boolean freePorts, boolean durable) {
        this.repoRoot = repoRoot;
        this.freePorts = freePorts;
        this.servers = new LocalServers(home, freePorts ? LocalServers.Ports.FREE : LOCAL_PORTS, durable, List.of());
        // one hook stops everything in order; the servers' own would race the services' shutdown
        servers.handOverShutdown();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Extra environment for one service, e.g. a benchmark lifting the gateway's rate limit; before {@link #start}. */
    public Platform withEnv(PlatformService service, Map<String, String> env) {
        serviceEnv.computeIfAbsent(service, s -> new java.util.HashMap<>()).putAll(env);
        return this;
    }

    public Platform start() {
        return start(EnumSet.allOf(PlatformService.class));
    }

    /** Starts the servers and only {@code which} of the services (a benchmark of one service needs no others). */
    public Platform start(Set<PlatformService> which) {
        if (!freePorts) {
            requireLocalPortsFree(which);
        }
        servers.ensure(EnumSet.allOf(LocalServers.Server.class));
        Map<PlatformService, Integer> upstreams = new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.startOrder()) {
            if (!which.contains(service)) {
                continue;
            }
            int port = freePorts ? 0 : service.defaultPort();
            int managementPort = freePorts ? 0 : service.defaultManagementPort();
            Map<PlatformService, Integer> forThis = service == PlatformService.GATEWAY ? upstreams : Map.of();
            ServiceProcess process = new ServiceProcess(service, port, managementPort);
            if (service == PlatformService.NOTIFICATIONS) {
                mail = new MailServer(freePorts ? Ports.free() : LOCAL_SMTP_PORT, freePorts ? Ports.free() : LOCAL_IMAP_PORT);
                mail.start();
                // local receivers are plain http on 127.0.0.1; the secrets' and the unsubscribe links' keys are this platform's
                // own, never a cluster's
                process.withEnv(Map.of("QUARKUS_MAILER_HOST", "127.0.0.1", "QUARKUS_MAILER_PORT", Integer.toString(mail.port()),
                        "IMPALA_NOTIFICATIONS_WEBHOOKS_ALLOW_HTTP", "true", "IMPALA_NOTIFICATIONS_WEBHOOKS_ALLOW_LOOPBACK", "true",
                        "IMPALA_NOTIFICATIONS_WEBHOOKS_SECRET_KEYS", WebhookKeys.local(),
                        "IMPALA_NOTIFICATIONS_UNSUBSCRIBE_KEY", UnsubscribeKeys.local()));
                process.withEnv(mail.unsubscribeMailboxEnv());
            }
            process.withEnv(serviceEnv.getOrDefault(service, Map.of()));
            services.add(process);
            process.start(repoRoot, servers.home().resolve("logs"), servers, forThis);
            upstreams.put(service, process.port());
        }
        return this;
    }

    public LocalServers servers() {
        return servers;
    }

    /**
     * Makes what is missing of the demo realm's data (its associations, and its member-admins' members with contacts)
     * through the gateway, as the secretariat; the whole platform must be running.
     *
     * @return what was made, empty when everything was there already
     */
    public List<String> ensureDemoData() {
        return DemoData.ensure(url(PlatformService.GATEWAY), servers.keycloak().url());
    }

    /**
     * Starts one more process of a running service, as Kubernetes scales a Deployment: another port, the same
     * database, settings and Kafka consumer groups. It stops with the platform, or earlier through
     * {@link #stopReplica}.
     */
    public synchronized ServiceProcess startReplica(PlatformService service) {
        ServiceProcess first = services.stream().filter(s -> s.service() == service).findFirst()
                .orElseThrow(() -> new IllegalStateException(service + " is not running"));
        long replicas = services.stream().filter(s -> s.service() == service).count();
        ServiceProcess replica = new ServiceProcess(service, 0, 0).named(service.module() + "-" + (replicas + 1))
                .withEnv(first.extraEnv());
        services.add(replica);
        replica.start(repoRoot, servers.home().resolve("logs"), servers, Map.of());
        return replica;
    }

    public synchronized void stopReplica(ServiceProcess replica) {
        replica.close();
        services.remove(replica);
    }

    /** The SMTP server notifications-service sends to; null when notifications is not running. */
    public MailServer mail() {
        return mail;
    }

    /** The services running, each once however many processes it has. */
    public Set<PlatformService> started() {
        Set<PlatformService> started = EnumSet.noneOf(PlatformService.class);
        services.forEach(s -> started.add(s.service()));
        return started;
    }

    /** The operating-system process of a running service, for a benchmark's memory figures. */
    public long pid(PlatformService service) {
        return services.stream().filter(s -> s.service() == service).findFirst().orElseThrow().process().pid();
    }

    public String url(PlatformService service) {
        return services.stream().filter(s -> s.service() == service).findFirst().orElseThrow().url();
    }

    /** The log file of a running service's first process: everything it wrote to its console. */
    public Path log(PlatformService service) {
        return services.stream().filter(s -> s.service() == service).findFirst().orElseThrow().process().log();
    }

    /** Where a running service's health and metrics answer (its management interface). */
    public String managementUrl(PlatformService service) {
        return services.stream().filter(s -> s.service() == service).findFirst().orElseThrow().managementUrl();
    }

    public List<String> figures() {
        List<String> lines = new ArrayList<>(servers.figures());
        services.forEach(s -> lines.add(s.figures()));
        return lines;
    }

    /** Every process the platform runs (servers, services, their children), for a check that none outlives it. */
    public List<ProcessHandle> processes() {
        List<ManagedProcess> managed = new ArrayList<>();
        services.stream().map(ServiceProcess::process).forEach(managed::add);
        for (LocalServers.Server server : LocalServers.Server.values()) {
            if (servers.running(server)) {
                managed.add(switch (server) {
                    case POSTGRES -> servers.postgres().process();
                    case KAFKA -> servers.kafka().process();
                    case KEYCLOAK -> servers.keycloak().process();
                });
            }
        }
        return managed.stream().filter(p -> p != null)
                .flatMap(p -> ProcessHandle.of(p.pid()).stream())
                .flatMap(h -> Stream.concat(Stream.of(h), h.descendants()))
                .toList();
    }

    @Override
    public synchronized void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        services.clear();
        if (mail != null) {
            mail.close();
            mail = null;
        }
        servers.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
    }

    /** One clear message naming every fixed port in use, before anything has been started or wiped. */
    static void requireLocalPortsFree(Set<PlatformService> which) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("PostgreSQL", LOCAL_PORTS.postgres());
        wanted.put("Kafka", LOCAL_PORTS.kafka());
        wanted.put("Keycloak", LOCAL_PORTS.keycloak());
        PlatformService.startOrder().stream().filter(which::contains)
                .forEach(s -> {
                    wanted.put(s.module(), s.defaultPort());
                    wanted.put(s.module() + " health and metrics", s.defaultManagementPort());
                });
        if (which.contains(PlatformService.NOTIFICATIONS)) {
            wanted.put("SMTP", LOCAL_SMTP_PORT);
            wanted.put("IMAP", LOCAL_IMAP_PORT);
        }
        List<String> busy = wanted.entrySet().stream().filter(e -> Ports.isOpen(e.getValue()))
                .map(e -> e.getValue() + " (" + e.getKey() + ")").toList();
        if (!busy.isEmpty()) {
            throw new ServerStartException("Port" + (busy.size() > 1 ? "s " : " ") + String.join(", ", busy)
                    + (busy.size() > 1 ? " are" : " is") + " already in use on 127.0.0.1. Is an earlier ./run.sh "
                    + "still running? Find the listener with `ss -ltnp 'sport = :" + busy.get(0).split(" ")[0]
                    + "'`, stop it and try again.");
        }
    }

    /**
     * run.sh keeps the platform in a session of its own, out of reach of a terminal's signals: when run.sh is
     * gone (killed, terminal closed) this JVM is re-parented, and stops the platform like Ctrl-C would.
     */
    private static void stopWhenOrphaned() {
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        Thread watch = new Thread(() -> {
            while (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == parent) {
                ManagedProcess.sleep(500);
            }
            System.out.println("The process that started the platform is gone: stopping everything.");
            System.exit(0);
        }, "impala-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** {@code ./run.sh [--fresh]}: runs the platform until Ctrl-C. */
    public static void main(String[] args) throws IOException, InterruptedException {
        boolean fresh = List.of(args).contains("--fresh");
        Path root = LocalDirs.repoRoot();
        String movedHome = System.getenv("IMPALA_LOCAL_HOME");
        Path home = movedHome == null || movedHome.isBlank() ? root.resolve(".impala-local") : Path.of(movedHome);
        try {
            requireLocalPortsFree(EnumSet.allOf(PlatformService.class)); // --fresh must not wipe a running platform
        } catch (ServerStartException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        if (fresh) {
            System.out.println("Starting fresh: removing " + home);
            KeycloakServer.deleteTree(home);
        }
        stopWhenOrphaned();
        long t0 = System.nanoTime();
        Platform platform = new Platform(root, home, false, true);
        try {
            platform.start();
        } catch (ServerStartException e) {
            System.err.println();
            System.err.println("The platform could not start: " + e.getMessage());
            if (e.getMessage().contains("FlywayValidateException")) {
                System.err.println();
                System.err.println("The data in " + home + " was written by an older build whose migrations "
                        + "have changed since: ./run.sh --fresh starts from empty data.");
            }
            platform.close();
            System.exit(1);
        }
        List<String> made = platform.ensureDemoData();
        System.out.println();
        System.out.println(made.isEmpty() ? "Demo data: all there already."
                : "Demo data made (" + made.size() + " steps): the FR and DE associations and the demo members.");
        System.out.printf("IMPALA platform is up in %.1f s (data in %s, logs in %s)%n",
                (System.nanoTime() - t0) / 1e9, home, home.resolve("logs"));
        platform.figures().forEach(line -> System.out.println("  " + line));
        System.out.println();
        PlatformGuide.print(platform, System.out);
        Thread.currentThread().join();
    }
}
