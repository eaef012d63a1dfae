package eu.impala.local.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.Platform;
import eu.impala.local.PlatformService;

/**
 * Campaigns under load against a real campaigns-service, PostgreSQL, Kafka and Keycloak: 5,000 members (fed
 * to the read model as membership events on Kafka) all sign one campaign from 50 concurrent clients, each
 * member asked twice; then the public counter page at a fixed 500 requests/s, and at full speed. Prints
 * signatures/s, latency percentiles, requests/s and whether counts are exact. Not a test: it asserts nothing.
 *
 * <p>Run: {@code ./mvnw -q -DskipTests install && ./mvnw -q -pl deploy/local exec:java@campaigns-benchmark}
 */
public final class CampaignsBenchmark {

    private static final int MEMBERS = Integer.getInteger("bench.members", 5_000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 50);
    private static final int RATE = Integer.getInteger("bench.rate", 500);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    /** The French association of the demo user fr-admin, who signs for the members it represents. */
    private static final String FR = "0a5f0000-0000-4000-8000-000000000001";

    private CampaignsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (Platform platform = BenchPlatform.prepared()
                .start(java.util.EnumSet.of(PlatformService.CAMPAIGNS))) {
            String campaigns = platform.url(PlatformService.CAMPAIGNS);
            KeycloakTokens tokens = BenchPlatform.tokens(platform);
            HttpClient http = BenchPlatform.http(HttpClient.Version.HTTP_2);

            List<UUID> members = registerMembers(platform);
            String admin = tokens.demoUser("secretariat");
            String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            String id = create(http, campaigns, admin, slug);
            send(http, "POST", campaigns + "/api/v1/campaigns/" + id + "/status", admin, "{\"status\":\"PUBLISHED\"}", 200);

            signAll(http, campaigns, tokens.demoUser("fr-admin"), id, members);
            String counters = send(http, "GET", campaigns + "/api/v1/campaigns/public/" + slug + "/counters", null, null, 200);
            String rows = platform.servers().postgres().psql("campaigns", "select count(*), count(distinct member_id), "
                    + "(select signature_count from campaign where id = '" + id + "') from signature where campaign_id = '"
                    + id + "' and withdrawn_at is null").trim();
            System.out.printf("  afterwards: signature rows, distinct members, campaign count = %s; public counters: %s%n",
                    rows, counters);

            HttpRequest page = HttpRequest.newBuilder(URI.create(campaigns + "/api/v1/campaigns/public/" + slug + "/counters"))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            HttpLoad.fixedRate(http, page, 2 * RATE / 5, 3); // warm-up
            System.out.println("public counters at " + RATE + " requests/s offered: "
                    + HttpLoad.fixedRate(http, page, RATE, SECONDS).summary());
            System.out.println("public counters at full speed (16 clients): " + HttpLoad.fullSpeed(http, page, 16, 10).summary());
            platform.figures().forEach(line -> System.out.println("  " + line));
        }
    }

    /** member.registered events straight onto membership's topic, as membership-service would publish them. */
    private static List<UUID> registerMembers(Platform platform) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", platform.servers().kafka().bootstrapServers());
        props.put("linger.ms", "10");
        List<UUID> members = new ArrayList<>();
        String[] countries = {"FR", "BE", "LU", "MC"};
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < MEMBERS; i++) {
                UUID member = UUID.randomUUID();
                members.add(member);
                String data = "{\"memberId\":\"" + member + "\",\"kind\":\"" + (i % 5 == 0 ? "ARTIST" : "COMPANY")
                        + "\",\"displayName\":\"Bench Member " + i + "\",\"country\":\"" + countries[i % countries.length]
                        + "\",\"category\":\"REPRESENTED\",\"representedBy\":\"" + FR + "\",\"status\":\"ACTIVE\","
                        + "\"sizeClass\":" + (i % 5 == 0 ? "null" : "\"MICRO\"") + "}";
                RecordHeaders headers = new RecordHeaders();
                header(headers, "ce_specversion", "1.0");
                header(headers, "ce_id", UUID.randomUUID().toString());
                header(headers, "ce_source", "/membership-service");
                header(headers, "ce_type", "eu.impala.membership.member.registered.v1");
                header(headers, "ce_time", OffsetDateTime.now().toString());
                header(headers, "ce_subject", member.toString());
                header(headers, "content-type", "application/json");
                producer.send(new ProducerRecord<>("membership.members.v1", null, member.toString(), data, headers));
            }
        }
        long known;
        do {
            Thread.sleep(200);
            known = Long.parseLong(platform.servers().postgres().psql("campaigns",
                    "select count(*) from member_view where represented_by = '" + FR + "'").trim());
        } while (known < MEMBERS);
        System.out.printf("read model: %d members consumed from Kafka in %.1f s%n", known, (System.nanoTime() - t0) / 1e9);
        return members;
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String create(HttpClient http, String campaigns, String token, String slug) throws Exception {
        String body = "{\"slug\":\"" + slug + "\",\"title\":\"Fair digital deals\",\"summary\":\"Benchmark\","
                + "\"body\":\"We, independent music companies...\",\"topic\":\"DIGITAL_MARKETS\",\"kind\":\"DECLARATION\","
                + "\"goal\":" + (MEMBERS / 2) + "}";
        String created = send(http, "POST", campaigns + "/api/v1/campaigns", token, body, 201);
        int at = created.indexOf("\"id\":\"") + 6;
        return created.substring(at, created.indexOf('"', at));
    }

    /** Every member signs once from one of CLIENTS threads, and is asked again by another thread at once. */
    private static void signAll(HttpClient http, String campaigns, String token, String campaign, List<UUID> members)
            throws Exception {
        ConcurrentLinkedQueue<UUID> queue = new ConcurrentLinkedQueue<>();
        for (UUID m : members) {
            queue.add(m);
            queue.add(m); // the duplicate: one of the two requests creates, the other gets it back
        }
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger created = new AtomicInteger();
        AtomicInteger existing = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long t0 = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            workers.add(pool.submit(() -> {
                UUID member;
                while ((member = queue.poll()) != null) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                        URI.create(campaigns + "/api/v1/campaigns/" + campaign + "/signatures"))
                                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"memberId\":\"" + member + "\",\"showName\":true}"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        latencies.add((System.nanoTime() - start) / 1e6);
                        (r.statusCode() == 201 ? created : r.statusCode() == 200 ? existing : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("signing: %d members x 2 requests from %d clients in %.2f s: %.0f signatures/s (%.0f requests/s); "
                        + "created %d, returned existing %d, failed %d; latency p50 %.1f ms, p99 %.1f ms%n",
                members.size(), CLIENTS, seconds, created.get() / seconds, sorted.size() / seconds, created.get(),
                existing.get(), failed.get(), HttpLoad.percentile(sorted, 50), HttpLoad.percentile(sorted, 99));
    }



    private static String send(HttpClient http, String method, String url, String token, String body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

}
