package eu.impala.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak from the {@code org.keycloak:keycloak-quarkus-dist} zip that Maven resolved, unpacked and
 * pre-built once into a cache directory, then started optimized on a loopback port with the {@code impala}
 * realm imported. It keeps its data in a PostgreSQL database of the local cluster.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "impala";
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    /** Build-time options; a change here rebuilds the cached distribution. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true",
            "--cache=local");

    private final Path home;
    private final Path realmFile;
    private final int port;
    private final int managementPort;
    private final PostgresServer postgres;
    private ManagedProcess process;

    public KeycloakServer(Path home, Path realmFile, int port, PostgresServer postgres) {
        this.home = home;
        this.realmFile = realmFile;
        this.port = Ports.claim("Keycloak", port);
        this.managementPort = Ports.free();
        this.postgres = postgres;
    }

    public KeycloakServer start() {
        if (!Files.isRegularFile(realmFile)) {
            throw new ServerStartException("Keycloak: realm file " + realmFile + " not found");
        }
        Path install = prepareInstall();
        try {
            Files.createDirectories(home);
            Path importDir = install.resolve("data/import");
            Files.createDirectories(importDir);
            Files.copy(realmFile, importDir.resolve("impala-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ServerStartException("Keycloak: cannot prepare the realm import: " + e.getMessage(), e);
        }
        postgres.ensureDatabase("keycloak");
        List<String> cmd = List.of(install.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + managementPort, "--hostname-strict=false", "--import-realm",
                "--db-url=" + postgres.jdbcUrl("keycloak"), "--db-username=" + PostgresServer.USER,
                "--db-password=" + PostgresServer.PASSWORD, "--log-level=info");
        Map<String, String> env = new HashMap<>();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        process = ManagedProcess.start("Keycloak", cmd, env, home, home.resolve("keycloak.log"), "");
        process.awaitReady(this::realmAnswers, Duration.ofSeconds(240));
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The issuer every token of the realm carries, and the OIDC server URL of every service. */
    public String realmUrl() {
        return url() + "/realms/" + REALM;
    }

    public int port() {
        return port;
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    private boolean realmAnswers() {
        return Http.answersOk(realmUrl() + "/.well-known/openid-configuration");
    }


    /** Unpacks and builds the distribution once per version and build options, in the shared cache. */
    static Path prepareInstall() {
        String version = versions().getProperty("keycloak.version");
        String stamp = version + " " + String.join(" ", BUILD_OPTIONS);
        Path install = LocalDirs.cache().resolve("keycloak-" + version);
        Path marker = install.resolve(".impala-built");
        try {
            if (Files.exists(marker) && Files.readString(marker).equals(stamp)) {
                return install;
            }
            Path zip = Path.of(KafkaBroker.Dists.read("keycloak.zip.path"));
            if (!Files.isRegularFile(zip)) {
                throw new ServerStartException("Keycloak distribution " + zip + " is missing from the local Maven "
                        + "repository: run ./mvnw install -pl deploy/local/dists to fetch it from Maven Central.");
            }
            System.err.println("[impala-local] unpacking and building Keycloak " + version + " into " + install
                    + " (once)");
            Path staging = Files.createTempDirectory(LocalDirs.cache(), "keycloak-unpack");
            unzip(zip, staging);
            Path unpacked;
            try (Stream<Path> top = Files.list(staging)) {
                unpacked = top.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            List<String> build = new ArrayList<>(List.of(unpacked.resolve("bin/kc.sh").toString(), "build"));
            build.addAll(BUILD_OPTIONS);
            ManagedProcess.run("kc.sh build", build, Map.of("JAVA_HOME", System.getProperty("java.home")), unpacked,
                    Duration.ofMinutes(5));
            Files.writeString(unpacked.resolve(".impala-built"), stamp);
            deleteTree(install);
            try {
                Files.move(unpacked, install, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(unpacked, install);
            }
            deleteTree(staging);
            return install;
        } catch (IOException e) {
            throw new ServerStartException("Keycloak: cannot prepare the distribution in " + install + ": " + e.getMessage(), e);
        }
    }

    static java.util.Properties versions() {
        java.util.Properties p = new java.util.Properties();
        try {
            p.load(new java.io.StringReader(KafkaBroker.Dists.read("versions.properties")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    if (out.getFileName().toString().endsWith(".sh")) {
                        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
