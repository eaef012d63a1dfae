package eu.impala.local.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import eu.impala.local.Platform;
import eu.impala.local.PlatformService;

/**
 * What the gateway costs: the same authenticated GET of a member, straight to membership-service and through
 * the gateway, at the same fixed rate in one run (interleaved rounds, so neither side gets a warmer JVM or a
 * quieter machine), then each at full speed in back-to-back pairs. Prints p50/p99, requests/s and the ratios. The gateway's rate limit
 * is lifted for the run. Not a test: it asserts nothing.
 *
 * <p>Run: {@code ./mvnw -q -DskipTests install && ./mvnw -q -pl deploy/local exec:java@gateway-benchmark}
 */
public final class GatewayBenchmark {

    private static final int RATE = Integer.getInteger("bench.rate", 400);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warm-up-seconds", 10);
    /**
     * HTTP/1.1 by default: many clients on many connections, as the gateway sees them behind an ingress controller.
     * {@code -Dbench.http=2} lets Java's client upgrade to cleartext HTTP/2 instead, which multiplexes every client
     * onto one connection, and Vert.x serves one connection on one event loop: one core for the gateway and for
     * the service alike, whatever the machine has.
     */
    private static final HttpClient.Version VERSION = "2".equals(System.getProperty("bench.http", "1.1"))
            ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (Platform platform = BenchPlatform.prepared()
                .withEnv(PlatformService.GATEWAY, Map.of("IMPALA_GATEWAY_RATE_LIMIT_PER_SECOND", "1000000",
                        "IMPALA_GATEWAY_RATE_LIMIT_BURST", "1000000"))
                .start(EnumSet.of(PlatformService.MEMBERSHIP, PlatformService.GATEWAY))) {
            String token = BenchPlatform.tokens(platform).demoUser("secretariat");
            HttpClient http = BenchPlatform.http(VERSION);
            System.out.println("protocol between the load and the gateway or service: " + VERSION);
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(
                            platform.url(PlatformService.MEMBERSHIP) + "/api/v1/members"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"COMPANY\",\"legalName\":\"Beggars Group Ltd\","
                            + "\"displayName\":\"Beggars\",\"country\":\"GB\"}")).build(), HttpResponse.BodyHandlers.ofString());
            String body = created.body();
            String id = body.substring(body.indexOf("\"id\":\"") + 6, body.indexOf("\"id\":\"") + 42);
            HttpRequest direct = get(platform.url(PlatformService.MEMBERSHIP), id, token);
            HttpRequest gateway = get(platform.url(PlatformService.GATEWAY), id, token);

            // warm-up: until the JIT has compiled both hot paths, latency measures the compiler (5 s was too short:
            // the gateway's p50 kept falling from round to round)
            for (int warm = 0; warm < 3; warm++) {
                HttpLoad.fullSpeed(http, direct, 8, WARM_UP_SECONDS);
                HttpLoad.fullSpeed(http, gateway, 8, WARM_UP_SECONDS);
            }
            List<Double> addedP50 = new ArrayList<>();
            List<Double> addedP99 = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                HttpLoad.Result d = HttpLoad.fixedRate(http, direct, RATE, SECONDS);
                HttpLoad.Result g = HttpLoad.fixedRate(http, gateway, RATE, SECONDS);
                addedP50.add(g.percentile(50) - d.percentile(50));
                addedP99.add(g.percentile(99) - d.percentile(99));
                System.out.printf("round %d at %d requests/s offered%n  direct:  %s%n  gateway: %s%n", round + 1, RATE,
                        d.summary(), g.summary());
            }
            System.out.printf("median of %d rounds: p50 added by the gateway %.2f ms (target <= 1 ms), p99 added %.2f ms%n",
                    ROUNDS, median(addedP50), median(addedP99));
            // this machine's speed drifts by half within minutes: pairs run back to back, and the median pair counts
            List<Double> ratios = new ArrayList<>();
            for (int pair = 0; pair < ROUNDS; pair++) {
                HttpLoad.Result dMax = HttpLoad.fullSpeed(http, direct, 16, SECONDS);
                HttpLoad.Result gMax = HttpLoad.fullSpeed(http, gateway, 16, SECONDS);
                ratios.add(100 * gMax.perSecond() / dMax.perSecond());
                System.out.printf("full speed, 16 clients, pair %d%n  direct:  %s%n  gateway: %s%n  gateway throughput = "
                        + "%.0f%% of direct%n", pair + 1, dMax.summary(), gMax.summary(), ratios.get(pair));
            }
            System.out.printf("gateway throughput, median of %d pairs = %.0f%% of direct (target >= 70%%)%n", ratios.size(),
                    median(ratios));
            platform.figures().forEach(line -> System.out.println("  " + line));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static HttpRequest get(String base, String id, String token) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/members/" + id)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build();
    }
}
