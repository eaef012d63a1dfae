package eu.impala.local.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import eu.impala.local.MailServer;
import eu.impala.local.Platform;
import eu.impala.local.PlatformService;

/**
 * Email fan-out against a real notifications-service, PostgreSQL, Kafka and SMTP server: 5,000 members with two
 * consenting contacts each arrive as membership events (each member's primary contact is welcomed: 5,000 emails),
 * then one {@code campaign.published} goes to all 10,000 contacts. Prints the time until every email of each
 * wave was received by the SMTP server, emails/s, and the service's resident memory (peak while sending, and
 * before). Not a test: it asserts nothing.
 *
 * <p>Run: {@code ./mvnw -q -DskipTests install && ./mvnw -q -pl deploy/local exec:java@notifications-benchmark}
 */
public final class NotificationsBenchmark {

    private static final int MEMBERS = Integer.getInteger("bench.members", 5_000);

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
                                        + "\"consents\":{\"campaigns\":true}}");
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
            }
            platform.figures().forEach(line -> System.out.println("  " + line));
        }
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
