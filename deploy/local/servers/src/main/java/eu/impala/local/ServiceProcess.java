package eu.impala.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A service of the platform run from its built jar, configured by environment variables like in Kubernetes. */
public final class ServiceProcess implements AutoCloseable {

    private final PlatformService service;
    private final int port;
    private final int managementPort;
    private String name;
    private ManagedProcess process;
    private long startMillis;

    /** A port of 0 takes a free one, for the API and the management interface alike. */
    public ServiceProcess(PlatformService service, int port, int managementPort) {
        this.service = service;
        this.port = Ports.claim(service.module(), port);
        this.managementPort = Ports.claim(service.module() + " (health and metrics)", managementPort);
        this.name = service.module();
    }

    /** The name of its log file and process, e.g. {@code campaigns-service-2} for a second replica. */
    public ServiceProcess named(String processName) {
        this.name = processName;
        return this;
    }

    /** The environment given with {@link #withEnv}, for a replica started like this one. */
    Map<String, String> extraEnv() {
        return Map.copyOf(extraEnv);
    }

    /** Starts the service against {@code servers}; the gateway needs the others' ports in {@code upstreams}. */
    private final Map<String, String> extraEnv = new HashMap<>();

    /** Extra environment for this service (set before {@link #start}), e.g. where its SMTP server is. */
    public ServiceProcess withEnv(Map<String, String> env) {
        extraEnv.putAll(env);
        return this;
    }

    public ServiceProcess start(Path repoRoot, Path logDir, LocalServers servers, Map<PlatformService, Integer> upstreams) {
        Path jar = service.runner(repoRoot);
        if (!Files.isRegularFile(jar)) {
            throw new ServerStartException(service.module() + " is not built (" + jar + " missing): run "
                    + "./mvnw -DskipTests install first (./run.sh does).");
        }
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", servers.keycloak().realmUrl());
        if (service.database() != null) {
            PostgresServer pg = servers.postgres();
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", pg.reactiveUrl(service.database()));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(service.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
            env.put("KAFKA_BOOTSTRAP_SERVERS", servers.kafka().bootstrapServers());
        }
        // the gateway's @ConfigMapping impala.gateway.routes.<service>
        upstreams.forEach((upstream, upstreamPort) -> env.put("IMPALA_GATEWAY_ROUTES_" + upstream.name(),
                "http://127.0.0.1:" + upstreamPort));
        // the packaged service runs the prod profile, whose log lines are JSON for a cluster's collector: locally a person
        // reads them, as text (with the same ids); withEnv may turn JSON back on
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        // glibc's per-thread malloc arenas make a JVM's resident memory grow far beyond what it uses
        env.put("MALLOC_ARENA_MAX", "2");
        env.putAll(extraEnv);
        // a young generation that holds a consumer batch's garbage: with the default (a third of a small heap) every
        // batch of 1,000 events promoted its records and ended in full collections of a second and more
        List<String> cmd = new ArrayList<>(List.of(KafkaBroker.javaBin(), "-Xms64m", "-Xmx768m", "-Xmn96m", "-XX:+UseSerialGC",
                // the old generation grown to keep 20 % free rather than 40 % (a 10,000-member sync left membership
                // with 114 MiB committed for 54 MiB used; now ~40 MiB less resident, the sync as fast)
                "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40",
                // C1 only: seven JVMs share this machine's cores, and C2's compiler threads kept compiling for minutes
                // (a fifth to a quarter of all CPU in propagation-benchmark, after its warm-up); C1's code is ~20 %
                // slower on the request path, but the platform as a whole did the same work with ~40 % less CPU:
                // 10,000 members known to notifications 3.0 s after the sync instead of 5.9 s, RSS 50 MiB lower
                "-XX:TieredStopAtLevel=1"));
        if (trimsNativeHeap(Runtime.version())) {
            // malloc's free pages handed back every 10 s (~40 MiB of membership's RSS after a 10,000-member sync)
            cmd.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=10000"));
        }
        String extra = System.getenv("IMPALA_SERVICE_JAVA_OPTS"); // e.g. a profiler for a benchmark run
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", jar.toString()));
        long t0 = System.nanoTime();
        process = ManagedProcess.start(name, cmd, env, repoRoot, logDir.resolve(name + ".log"), "");
        process.awaitReady(this::ready, Duration.ofSeconds(120));
        startMillis = (System.nanoTime() - t0) / 1_000_000;
        return this;
    }

    /** Whether this JDK has -XX:TrimNativeHeapInterval (17.0.9, 21.0.1, 22 and later); the services run on it. */
    static boolean trimsNativeHeap(Runtime.Version v) {
        return v.feature() >= 22 || v.feature() == 21 && v.update() >= 1 || v.feature() == 17 && v.update() >= 9;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Health ({@code /q/health/ready}) and metrics ({@code /q/metrics}): the management interface, not the API. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public PlatformService service() {
        return service;
    }

    /** The running process (null before start and after close), for the figures and the leftover check. */
    public ManagedProcess process() {
        return process;
    }

    public String figures() {
        return String.format("%-21s started in %5.1f s, RSS %4d MiB", name, startMillis / 1000.0,
                process.rssKiB() / 1024);
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    private boolean ready() {
        return Http.answersOk(managementUrl() + "/q/health/ready");
    }
}
