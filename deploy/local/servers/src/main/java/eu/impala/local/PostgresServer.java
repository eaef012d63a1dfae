package eu.impala.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of our own: initdb into its own data directory, the server on a loopback port, one
 * database per service. Run as root, the server runs as the {@code postgres} user, which PostgreSQL demands.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "impala";
    public static final String PASSWORD = "impala";

    private final Path bin;
    private Path dataDir;
    private final Path log;
    private final int port;
    private final boolean durable;
    private final boolean asRoot;
    private ManagedProcess process;

    /**
     * @param home    directory for {@code data/} and {@code postgres.log}
     * @param port    0 for a free port
     * @param durable false for tests: fsync off, nothing needs to survive a crash
     */
    public PostgresServer(Path home, int port, boolean durable) {
        this.bin = findBinaries();
        this.log = home.resolve("postgres.log");
        this.port = Ports.claim("PostgreSQL", port);
        this.durable = durable;
        this.asRoot = "root".equals(System.getProperty("user.name"));
        this.dataDir = asRoot ? reachableByPostgres(home).resolve("data") : home.resolve("data");
    }

    /**
     * As root the server runs as 'postgres', which may not be allowed into {@code home} (a checkout under
     * /root, say). Then the data lives in a directory of the temp dir named after {@code home}, so a restart
     * still finds it.
     */
    private static Path reachableByPostgres(Path home) {
        for (Path p = home.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !canTraverse(p)) {
                Path fallback = Path.of(System.getProperty("java.io.tmpdir"),
                        "impala-postgres-" + Integer.toHexString(home.toAbsolutePath().toString().hashCode()));
                System.err.println("[impala-local] the 'postgres' user cannot enter " + p
                        + "; keeping PostgreSQL's data in " + fallback);
                return fallback;
            }
        }
        return home;
    }

    private static boolean canTraverse(Path dir) {
        try {
            ManagedProcess.run("access check", List.of("runuser", "-u", "postgres", "--", "test", "-x", dir.toString()),
                    Map.of(), Path.of("/"), Duration.ofSeconds(10));
            return true;
        } catch (ServerStartException e) {
            return false;
        }
    }

    public PostgresServer start() {
        try {
            Files.createDirectories(dataDir.getParent());
            Files.createDirectories(log.getParent());
            stopLeftover();
            if (!durable) {
                KeycloakServer.deleteTree(dataDir); // test clusters start empty, wherever their data lives
            }
            if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
                initdb();
            }
            List<String> args = new java.util.ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D", dataDir.toString(),
                    "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                    "-c", "max_connections=300", "-c", "shared_buffers=128MB",
                    "-c", "fsync=" + (durable ? "on" : "off"), "-c", "synchronous_commit=" + (durable ? "on" : "off"),
                    "-c", "full_page_writes=" + (durable ? "on" : "off")));
            // e.g. IMPALA_PG_OPTS="-c shared_preload_libraries=pg_stat_statements" to see where a benchmark's time goes
            String extra = System.getenv("IMPALA_PG_OPTS");
            if (extra != null && !extra.isBlank()) {
                args.addAll(List.of(extra.trim().split("\\s+")));
            }
            List<String> cmd = asUser(args);
            String stop = String.join(" ", asUser(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D",
                    dataDir.toString(), "-m", "fast", "-w")));
            process = ManagedProcess.start("PostgreSQL", cmd, Map.of(), log.getParent(), log, stop);
            process.awaitReady(this::acceptsConnections, Duration.ofSeconds(60));
            return this;
        } catch (IOException e) {
            throw new ServerStartException("PostgreSQL: cannot prepare " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Creates the database when it does not exist yet (idempotent, so a restarted local run keeps its data). */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + name);
        }
        String exists = psql("SELECT 1 FROM pg_database WHERE datname = '" + name + "'").trim();
        if (!exists.equals("1")) {
            psql("CREATE DATABASE " + name + " OWNER " + USER);
        }
    }

    public String psql(String sql) {
        return psql("postgres", sql);
    }

    /** Runs one statement in {@code database} and returns its unaligned, tuples-only output. */
    public String psql(String database, String sql) {
        Path psql = Files.isExecutable(bin.resolve("psql")) ? bin.resolve("psql") : Path.of("psql");
        return ManagedProcess.run("psql", List.of(psql.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                        "-U", USER, "-d", database, "-v", "ON_ERROR_STOP=1", "-tAc", sql),
                Map.of("PGPASSWORD", PASSWORD), dataDir.getParent(), Duration.ofSeconds(30));
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        try {
            ManagedProcess.run("pg_ctl stop", asUser(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D",
                    dataDir.toString(), "-m", "fast", "-w", "-t", "30")), Map.of(), dataDir.getParent(), Duration.ofSeconds(40));
        } catch (ServerStartException e) {
            System.err.println("[impala-local] PostgreSQL did not stop cleanly, killing it: " + e.getMessage());
        }
        process.close();
        process = null;
    }

    private boolean acceptsConnections() {
        if (!Ports.isOpen(port)) {
            return false;
        }
        try {
            ManagedProcess.run("pg_isready", List.of(bin.resolve("pg_isready").toString(), "-h", "127.0.0.1", "-p",
                    Integer.toString(port), "-q"), Map.of(), dataDir.getParent(), Duration.ofSeconds(5));
            return true;
        } catch (ServerStartException e) {
            return false;
        }
    }

    private void initdb() throws IOException {
        Files.createDirectories(dataDir);
        Path pwfile = dataDir.getParent().resolve(".pwfile");
        Files.writeString(pwfile, PASSWORD + "\n");
        if (asRoot) {
            chownToPostgres(dataDir);
            chownToPostgres(pwfile);
            checkPostgresCanReach(dataDir);
        }
        ManagedProcess.run("initdb", asUser(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(),
                        "-U", USER, "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256",
                        "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")),
                Map.of(), dataDir.getParent(), Duration.ofMinutes(2));
        Files.deleteIfExists(pwfile);
    }

    /** A server left running by a run that was killed would hold the data directory: stop it first. */
    private void stopLeftover() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            System.err.println("[impala-local] stopping PostgreSQL left running by an earlier run (pid " + pid + ")");
            ManagedProcess.run("pg_ctl stop", asUser(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D",
                    dataDir.toString(), "-m", "fast", "-w")), Map.of(), dataDir.getParent(), Duration.ofSeconds(60));
        }
    }

    private List<String> asUser(List<String> command) {
        if (!asRoot) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void chownToPostgres(Path path) {
        ManagedProcess.run("chown", List.of("chown", "-R", "postgres:postgres", path.toString()), Map.of(),
                path.getParent(), Duration.ofSeconds(30));
    }

    private static void checkPostgresCanReach(Path dir) {
        try {
            ManagedProcess.run("access check", List.of("runuser", "-u", "postgres", "--", "test", "-w", dir.toString()),
                    Map.of(), dir.getParent(), Duration.ofSeconds(10));
        } catch (ServerStartException e) {
            throw new ServerStartException("PostgreSQL refuses to run as root, so it runs as the 'postgres' user, "
                    + "but that user cannot write " + dir + ". Put the data directory where 'postgres' can reach it "
                    + "(set -Dimpala.local.dir=... or IMPALA_LOCAL_DIR), e.g. under /tmp or a world-traversable path.");
        }
    }

    /** PATH, then {@code pg_config --bindir}, then the newest {@code /usr/lib/postgresql/N/bin}. */
    static Path findBinaries() {
        String configured = System.getenv("IMPALA_PG_BIN");
        if (configured != null && Files.isExecutable(Path.of(configured, "postgres"))) {
            return Path.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb")) && Files.isExecutable(Path.of(dir, "postgres"))) {
                // PATH may hold links to a few of the tools only: the real directory has all of them
                try {
                    return Path.of(dir, "postgres").toRealPath().getParent();
                } catch (IOException e) {
                    return Path.of(dir);
                }
            }
        }
        try {
            String bindir = ManagedProcess.run("pg_config", List.of("pg_config", "--bindir"), Map.of(),
                    Path.of(System.getProperty("java.io.tmpdir")), Duration.ofSeconds(10)).trim();
            if (Files.isExecutable(Path.of(bindir, "initdb"))) {
                return Path.of(bindir);
            }
        } catch (ServerStartException notInstalled) {
            // fall through to the Debian/Ubuntu layout
        }
        Optional<Path> debian = Optional.empty();
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                debian = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(PostgresServer::majorVersion));
            } catch (IOException ignored) {
                // treated as not installed
            }
        }
        return debian.orElseThrow(() -> new ServerStartException(
                "PostgreSQL server binaries (initdb, postgres) were not found on PATH, via pg_config or in "
                        + "/usr/lib/postgresql/*/bin. Install them, e.g. `apt-get install postgresql` (Debian/Ubuntu), "
                        + "`dnf install postgresql-server` (Fedora) or `brew install postgresql@15` (macOS), "
                        + "or point IMPALA_PG_BIN at the directory that holds them."));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
