package eu.impala.local.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import eu.impala.local.LocalDirs;
import eu.impala.local.Platform;
import eu.impala.local.PlatformService;

/**
 * One whole platform shared by the test classes that use this extension, started before the first of them and
 * stopped when the test run ends: starting it costs ~40 s, so classes that leave each other's data alone share it.
 * The gateway's rate limit is lifted: the access matrix sends hundreds of requests per user in seconds; so is the
 * cap on an association's webhook subscriptions: the matrix subscribes one per cell that needs a fresh one. A failing
 * email is retried after half a second, doubling, and dead after its third attempt (not 30 s and the eighth): a test
 * that stops the SMTP server sees a dead letter within seconds ({@link ConsoleBrowserTest}). Every
 * service keeps every trace and exports it to an OTLP receiver in this JVM ({@link #traces()}). Every service logs JSON
 * lines, as in a cluster, so that a test can read a line's fields ({@link LogsEndToEndTest}); the outbox relay logs its
 * batches (DEBUG), lines written within a batch's span. It holds the demo data {@code ./run.sh} makes (the FR and DE
 * associations, the demo members), so tests may sync into FR and DE as their users would.
 */
final class SharedPlatform implements BeforeAllCallback {

    private static final String KEY = SharedPlatform.class.getName();

    /** The running platform; only valid in a class extended with this. */
    static Platform platform() {
        return Holder.platform;
    }

    /** What the platform's services exported of their traces. */
    static OtlpReceiver traces() {
        return Holder.traces;
    }

    static String gateway() {
        return platform().url(PlatformService.GATEWAY);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(KEY, k -> new Holder(),
                Holder.class);
    }

    /** Closed by JUnit at the end of the run, through the root store. */
    private static final class Holder implements ExtensionContext.Store.CloseableResource {
        private static Platform platform;
        private static OtlpReceiver traces;
        private final Path home;

        Holder() {
            try {
                home = Files.createTempDirectory("impala-e2e-shared");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            home.toFile().setExecutable(true, false);
            traces = new OtlpReceiver();
            Platform started = new Platform(LocalDirs.repoRoot(), home, true, false);
            for (PlatformService service : PlatformService.values()) {
                started.withEnv(service, Map.of("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces.endpoint(),
                        "QUARKUS_OTEL_TRACES_SAMPLER_ARG", "1", "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms",
                        "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true", "QUARKUS_LOG_CATEGORY__EU_IMPALA_COMMONS_OUTBOX__LEVEL", "DEBUG"));
            }
            started.withEnv(PlatformService.GATEWAY, Map.of("IMPALA_GATEWAY_RATE_LIMIT_PER_SECOND", "100000",
                            "IMPALA_GATEWAY_RATE_LIMIT_BURST", "100000"))
                    .withEnv(PlatformService.NOTIFICATIONS, Map.of("IMPALA_NOTIFICATIONS_WEBHOOKS_MAX_SUBSCRIPTIONS", "10000",
                            "IMPALA_NOTIFICATIONS_DELIVERY_BACKOFF", "500ms", "IMPALA_NOTIFICATIONS_DELIVERY_MAX_ATTEMPTS", "3"));
            long t0 = System.nanoTime();
            try {
                started.start();
                // the demo data, as ./run.sh makes it: DemoDataTest shows what the demo users see of it
                started.ensureDemoData();
            } catch (RuntimeException e) {
                started.close();
                traces.close();
                throw e;
            }
            System.out.printf("[impala-e2e] shared platform up in %.1f s%n",
                    Duration.ofNanos(System.nanoTime() - t0).toMillis() / 1000.0);
            platform = started;
        }

        @Override
        public void close() {
            platform.close();
            platform = null;
            traces.close();
            try (var paths = Files.walk(home)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.out.println("[impala-e2e] left " + home + " behind: " + e);
            }
        }
    }
}
