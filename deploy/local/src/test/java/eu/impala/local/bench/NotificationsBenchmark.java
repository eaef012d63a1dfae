package eu.impala.local.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.local.MailServer;
import eu.impala.local.Platform;
import eu.impala.local.PlatformService;

/**
 * Email fan-out against a real notifications-service, PostgreSQL, Kafka, Keycloak and SMTP server: 5,000 members with
 * two contacts each, who consented to campaign news and newsletters, arrive as membership events (each member's
 * primary contact is welcomed: 5,000 emails), then one {@code campaign.published} goes to all 10,000 contacts, then
 * the secretariat (a real token) sends a newsletter announcement to everyone through the service's HTTP API: 10,000
 * emails again. Prints the time until every email of each wave was received by the SMTP server, emails/s, and the
 * service's resident memory (peak while sending, and before); for the announcement also the time until it was SENT
 * (every notification queued) and the campaign wave beside it: the announcement is to be no slower than the
 * campaign's fan-out, and within 60 s. Not a test: it asserts nothing.
 *
 * <p>Run: {@code ./mvnw -q -DskipTests install && ./mvnw -q -pl deploy/local exec:java@notifications-benchmark}
 */
public final class NotificationsBenchmark {

    private static final int MEMBERS = Integer.getInteger("bench.members", 5_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (Platform platform = BenchPlatform.prepared()
                .start(java.util.EnumSet.of(PlatformService.NOTIFICATIONS))) {
            long pid = platform.pid(PlatformService.NOTIFICATIONS);
            MailServer smtp = platform.mail();
            Properties props = new Properties();
            props.put("bootstrap.servers", platform.servers().kafka().bootstrapServers());
            props.put("linger.ms", "10");
            long rssIdle = rssKiB(pid);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                long t0 = System.nanoTime();
                for (int i = 0; i < MEMBERS; i++) {
                    UUID member = UUID.randomUUID();
                    send(producer, "membership.members.v1", "eu.impala.membership.member.registered.v1", member,
                            "{\"memberId\":\"" + member + "\",\"kind\":\"COMPANY\",\"displayName\":\"Label " + i
                                    + "\",\"country\":\"FR\",\"category\":\"DIRECT\",\"representedBy\":null,"
                                    + "\"status\":\"ACTIVE\",\"sizeClass\":\"MICRO\"}");
                    for (int c = 0; c < 2; c++) {
                        send(producer, "membership.contacts.v1", "eu.impala.membership.contact.added.v1", member,
                                "{\"memberId\":\"" + member + "\",\"contactId\":\"" + UUID.randomUUID() + "\",\"name\":\"Person "
                                        + i + "-" + c + "\",\"email\":\"p" + i + "-" + c + "@label" + i + ".example\","
                                        + "\"language\":\"" + new String[] {"en", "fr", "de", "es", "it"}[(i + c) % 5]
                                        + "\",\"role\":\"" + (c == 0 ? "PRIMARY" : "PRESS") + "\","
                                        + "\"consents\":{\"campaigns\":true,\"newsletters\":true}}");
                    }
                }
                producer.flush();
                Sampler welcome = new Sampler(pid);
                awaitReceived(smtp, MEMBERS);
                welcome.stop();
                double welcomeSeconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("welcome wave: %d emails received by SMTP %.1f s after the first event (%.0f emails/s); "
                        + "service RSS peak %d MiB%n", MEMBERS, welcomeSeconds, MEMBERS / welcomeSeconds, welcome.peak() / 1024);

                long before = smtp.count();
                long t1 = System.nanoTime();
                Sampler fanOut = new Sampler(pid);
                UUID campaign = UUID.randomUUID();
                send(producer, "campaigns.campaigns.v1", "eu.impala.campaigns.campaign.published.v1", campaign,
                        "{\"campaignId\":\"" + campaign + "\",\"slug\":\"fair-digital-deals\",\"title\":\"Fair digital deals\","
                                + "\"summary\":\"Fair terms on streaming.\",\"language\":\"en\",\"translations\":{\"fr\":{\"title\":"
                                + "\"Des accords numériques équitables\",\"summary\":\"Des conditions justes.\"}},"
                                + "\"topic\":\"DIGITAL_MARKETS\",\"kind\":\"DECLARATION\",\"goal\":500,\"eligibility\":"
                                + "{\"memberKinds\":[],\"categories\":[],\"countries\":[]},\"publishedAt\":\"2026-11-24T10:00:00Z\"}");
                producer.flush();
                awaitReceived(smtp, before + 2L * MEMBERS);
                fanOut.stop();
                double seconds = (System.nanoTime() - t1) / 1e9;
                System.out.printf("campaign.published to %d contacts: all received by SMTP in %.1f s (%.0f emails/s); "
                                + "service RSS before %d MiB, peak during the fan-out %d MiB%n", 2 * MEMBERS, seconds,
                        2 * MEMBERS / seconds, rssIdle / 1024, fanOut.peak() / 1024);

                announcementWave(platform, smtp, pid, seconds);
            }
            platform.figures().forEach(line -> System.out.println("  " + line));
        }
    }

    /**
     * A newsletter to every member, through the HTTP API as the secretariat sends one: drafted, previewed, sent now.
     * Measured from the send call until the SMTP server has every email; {@code campaignSeconds} is the floor beside it.
     */
    private static void announcementWave(Platform platform, MailServer smtp, long pid, double campaignSeconds)
            throws Exception {
        HttpClient http = BenchPlatform.http();
        String api = platform.url(PlatformService.NOTIFICATIONS) + "/api/v1/notifications/announcements";
        String token = BenchPlatform.tokens(platform).demoUser("secretariat");
        HttpResponse<String> created = call(http, "POST", api, token, "{\"topic\":\"NEWSLETTERS\",\"translations\":{"
                + "\"en\":{\"title\":\"General assembly\",\"body\":\"The **general assembly** is on 24 June. "
                + "[Register](https://example.org/ga)\"},\"fr\":{\"title\":\"Assemblée générale\",\"body\":"
                + "\"L'**assemblée générale** a lieu le 24 juin.\"},\"de\":{\"title\":\"Mitgliederversammlung\",\"body\":"
                + "\"Die **Mitgliederversammlung** ist am 24. Juni.\"}},\"segment\":{}}", null, 201);
        String id = JSON.readTree(created.body()).path("id").asText();
        String etag = created.headers().firstValue("ETag").orElseThrow();
        long p0 = System.nanoTime();
        JsonNode preview = JSON.readTree(call(http, "GET", api + "/" + id + "/preview", token, null, null, 200).body());
        System.out.printf("announcement preview: %d members, %d contacts, %d emails %s, answered in %.0f ms%n",
                preview.path("members").asInt(), preview.path("contacts").asInt(), preview.path("email").asInt(),
                preview.path("byLanguage"), (System.nanoTime() - p0) / 1e6);

        long before = smtp.count();
        long rssBefore = rssKiB(pid);
        Sampler wave = new Sampler(pid);
        long t0 = System.nanoTime();
        call(http, "POST", api + "/" + id + "/send", token, "{}", etag, 202);
        double sentAt = -1;
        long deadline = System.nanoTime() + 600_000_000_000L;
        long lastStatus = 0;
        while (smtp.count() < before + 2L * MEMBERS) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + (smtp.count() - before) + " of " + 2 * MEMBERS
                        + " announcement emails in 10 minutes");
            }
            if (sentAt < 0 && System.nanoTime() - lastStatus > 500_000_000L) {
                lastStatus = System.nanoTime();
                if ("SENT".equals(JSON.readTree(call(http, "GET", api + "/" + id, token, null, null, 200).body())
                        .path("status").asText())) {
                    sentAt = (System.nanoTime() - t0) / 1e9;
                }
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        wave.stop();
        JsonNode statistics = JSON.readTree(call(http, "GET", api + "/" + id + "/statistics", token, null, null, 200).body());
        System.out.printf("announcement to %d contacts: all received by SMTP %.1f s after the send call (%.0f emails/s); "
                        + "SENT (all queued) after %s; service RSS before %d MiB, peak during the wave %d MiB; statistics %s%n",
                2 * MEMBERS, seconds, 2 * MEMBERS / seconds, sentAt < 0 ? "the last email" : String.format("%.1f s", sentAt),
                rssBefore / 1024, wave.peak() / 1024, statistics);
        System.out.printf("announcement vs campaign fan-out (same run, same 10,000 contacts): %.1f s vs %.1f s "
                        + "(target: announcement <= campaign and <= 60 s: %s)%n", seconds, campaignSeconds,
                seconds <= campaignSeconds && seconds <= 60 ? "met" : "NOT met");
    }

    private static HttpResponse<String> call(HttpClient http, String method, String url, String token, String body,
                                             String ifMatch, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String type, UUID subject, String data) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", (topic.startsWith("campaigns") ? "/campaigns-service" : "/membership-service").getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_time", OffsetDateTime.now().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_subject", subject.toString().getBytes(StandardCharsets.UTF_8));
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(topic, null, subject.toString(), data, headers));
    }

    private static void awaitReceived(MailServer smtp, long count) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (smtp.count() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + smtp.count() + " of " + count + " emails in 10 minutes");
            }
            Thread.sleep(200);
        }
    }

    /** Resident memory of the service's JVM (the launcher's guard shell has it as a descendant). */
    static long rssKiB(long pid) {
        long jvm = ProcessHandle.of(pid).stream().flatMap(h -> Stream.concat(Stream.of(h), h.descendants()))
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(pid);
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + jvm + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    /** Samples a process's resident memory every 100 ms and keeps the peak. */
    private static final class Sampler {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        Sampler(long pid) {
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(rssKiB(pid), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peak() {
            return peak.get();
        }
    }
}
