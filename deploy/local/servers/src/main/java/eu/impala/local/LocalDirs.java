package eu.impala.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the launchers keep server data, logs and the unpacked distributions. */
public final class LocalDirs {

    private LocalDirs() {
    }

    /** Root of the git checkout (the directory holding mvnw), for the realm file and the service builds. */
    public static Path repoRoot() {
        String configured = setting("impala.repo.root", "IMPALA_REPO_ROOT");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("deploy/keycloak/impala-realm.json"))) {
                return p;
            }
        }
        throw new ServerStartException("cannot find the repository root (deploy/keycloak/impala-realm.json) above " + start);
    }

    /** Server data and logs: {@code -Dimpala.local.dir}, {@code IMPALA_LOCAL_DIR}, else {@code target/local-servers}. */
    public static Path servers() {
        String configured = setting("impala.local.dir", "IMPALA_LOCAL_DIR");
        return configured != null ? Path.of(configured).toAbsolutePath() : repoRoot().resolve("target/local-servers");
    }

    /** Unpacked distributions kept across builds and clones: {@code IMPALA_CACHE_DIR}, else {@code ~/.cache/impala}. */
    public static Path cache() {
        String configured = setting("impala.cache.dir", "IMPALA_CACHE_DIR");
        Path dir = configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache", "impala");
        try {
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new ServerStartException("cannot create the cache directory " + dir + ": " + e.getMessage(), e);
        }
    }

    public static Path realmFile() {
        return repoRoot().resolve("deploy/keycloak/impala-realm.json");
    }

    static String setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
