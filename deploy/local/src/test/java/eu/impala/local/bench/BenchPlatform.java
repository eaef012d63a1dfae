package eu.impala.local.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.LocalDirs;
import eu.impala.local.Platform;

/**
 * How every benchmark gets its platform: built from this checkout, in a fresh temporary home, on free ports and
 * without durable storage, so a run never meets another run's data or a developer's {@code run.sh}.
 */
final class BenchPlatform {

    private BenchPlatform() {
    }

    /** Not started yet: a benchmark may still give a service extra environment, then starts what it measures. */
    static Platform prepared() throws IOException {
        Path home = Files.createTempDirectory("impala-bench");
        // searchable by every user, as the end-to-end tests' platform homes are
        home.toFile().setExecutable(true, false);
        return new Platform(LocalDirs.repoRoot(), home, true, false);
    }

    /** Tokens of the demo users from the platform's own Keycloak. */
    static KeycloakTokens tokens(Platform platform) {
        return new KeycloakTokens(platform.servers().keycloak().url());
    }

    /**
     * The load's client, HTTP/1.1: with HTTP/2 Java's client upgrades to cleartext h2 and multiplexes every caller onto
     * one connection, which Vert.x serves on one event loop (see {@link GatewayBenchmark}).
     */
    static HttpClient http() {
        return http(HttpClient.Version.HTTP_1_1);
    }

    static HttpClient http(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
