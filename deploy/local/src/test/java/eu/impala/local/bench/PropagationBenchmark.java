package eu.impala.local.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.Platform;
import eu.impala.local.PlatformService;
import eu.impala.local.PostgresServer;
import eu.impala.local.Secretariat;

/**
 * How fast the platform agrees with itself. On the whole platform (four services, real PostgreSQL, Kafka, Keycloak):
 * one association (client {@code sync-fr}) syncs 10,000 members with one or two contacts each through the gateway;
 * the program prints the time from the sync's answer until campaigns' and notifications' read models hold all of
 * them and the events/s each consumer sustained, then the latency of single member status changes through the
 * gateway at a steady 50 a second until campaigns' read model shows each one, and each service's memory. Beside
 * them, measured in the same run: a plain Kafka consumer reading the same events, and a set-based insert of the same
 * read-model rows. Not a test: it asserts nothing.
 *
 * <p>Run: {@code ./mvnw -q -DskipTests install && ./mvnw -q -pl deploy/local exec:java@propagation-benchmark}
 */
public final class PropagationBenchmark {

    private static final int MEMBERS = Integer.getInteger("bench.members", 10_000);
    private static final int RATE = Integer.getInteger("bench.changes-per-second", 50);
    private static final int CHANGES = Integer.getInteger("bench.changes", 1_000);
    private static final int WARM_UP = Integer.getInteger("bench.warm-up", 3_000);
    private static final String FR = "0a5f0000-0000-4000-8000-000000000001";
    private static final String DE = "0a5f0000-0000-4000-8000-000000000002";

    private PropagationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (Platform platform = BenchPlatform.prepared().start()) {
            PostgresServer pg = platform.servers().postgres();
            String gateway = platform.url(PlatformService.GATEWAY);
            KeycloakTokens tokens = BenchPlatform.tokens(platform);
            HttpClient http = BenchPlatform.http();
            int contacts = SyncBenchmark.batch(0, MEMBERS).split("\"email\"", -1).length - 1;
            try (Connection campaigns = DriverManager.getConnection(pg.jdbcUrl("campaigns"), PostgresServer.USER, PostgresServer.PASSWORD);
                 Connection notifications = DriverManager.getConnection(pg.jdbcUrl("notifications"), PostgresServer.USER,
                         PostgresServer.PASSWORD)) {
                // the demo realm's associations its clients sync for, registered as the secretariat does
                Secretariat secretariat = new Secretariat(gateway, tokens.demoUser("secretariat"));
                secretariat.association(FR);
                secretariat.association(DE);
                // warm-up through DE's client: JIT, pools and consumers' first batches are not what is measured
                String de = tokens.clientCredentials("sync-de", "sync-de-dev-secret");
                String warmUp = SyncBenchmark.batch(0, WARM_UP);
                sync(http, gateway, de, DE, warmUp);
                awaitCount(campaigns, "select count(*) from member_view where represented_by = '" + DE + "'", WARM_UP);
                awaitCount(notifications, "select count(*) from recipient_contact c join recipient_member m using (member_id) "
                        + "where m.represented_by = '" + DE + "'", warmUp.split("\"email\"", -1).length - 1);

                // and its welcome emails sent, so that their retries do not fall into the measured sync
                awaitCount(notifications, "select case when count(*) = 0 then 1 else 0 end from notification "
                        + "where status in ('PENDING', 'FAILED')", 1);
                String fr = tokens.clientCredentials("sync-fr", "sync-fr-dev-secret");
                Map<String, Double> cpuBefore = PlatformCpu.cpu(platform);
                Map<String, Map<String, Double>> syncThreadsBefore = PlatformCpu.threads(platform);
                long started = System.nanoTime();
                sync(http, gateway, fr, FR, SyncBenchmark.batch(0, MEMBERS));
                long answered = System.nanoTime();
                System.out.printf("sync of %,d members (%,d contacts) through the gateway answered in %.2f s (at %s)%n",
                        MEMBERS, contacts, (answered - started) / 1e9, java.time.LocalTime.now());
                Thread campaignsWatch = watch(campaigns, "select count(*) from member_view where represented_by = '" + FR + "'",
                        MEMBERS, answered, "campaigns: all %,d members in member_view %.2f s after the answer (%,.0f events/s "
                                + "sustained by its one consumer; target <= 5 s)%n", MEMBERS);
                // the members first (a cheap count), then their contacts: polling the join every 50 ms from the start
                // cost PostgreSQL ~19 ms a poll while the consumers it measures were writing
                Thread notificationsWatch = watch(notifications, "select case when (select count(*) from recipient_member "
                                + "where represented_by = '" + FR + "') < " + MEMBERS + " then 0 else " + MEMBERS
                                + " + (select count(*) from recipient_contact c join recipient_member m "
                                + "using (member_id) where m.represented_by = '" + FR + "') end",
                        MEMBERS + contacts, answered, "notifications: all %,d members and contacts in its directory %.2f s "
                                + "after the answer (%,.0f events/s over its two consumers; target <= 5 s)%n", MEMBERS + contacts);
                try (Connection membership = DriverManager.getConnection(pg.jdbcUrl("membership"), PostgresServer.USER,
                        PostgresServer.PASSWORD)) {
                    awaitCount(membership, "select case when count(*) = 0 then 1 else 0 end from outbox_backlog()", 1);
                    System.out.printf("  membership's relay had published every event %.2f s after the answer%n",
                            (System.nanoTime() - answered) / 1e9);
                }
                campaignsWatch.join();
                notificationsWatch.join();
                PlatformCpu.print("  CPU used from the sync's start until both knew everything:", cpuBefore, PlatformCpu.cpu(platform), started);
                PlatformCpu.printThreads(syncThreadsBefore, PlatformCpu.threads(platform));
                for (PlatformService service : List.of(PlatformService.CAMPAIGNS, PlatformService.NOTIFICATIONS)) {
                    batches(http, platform.managementUrl(service));
                }

                statements(pg, "so far");
                floors(platform, pg, campaigns, notifications, MEMBERS + contacts);
                // single changes are measured on a quiet platform: once notifications has sent the welcome emails
                awaitCount(notifications, "select case when count(*) = 0 then 1 else 0 end from notification "
                        + "where status = 'PENDING'", 1);
                System.out.printf("  notifications had sent every welcome email %.1f s after the answer%n",
                        (System.nanoTime() - answered) / 1e9);
                // the status-change path is warmed up first (other members, the same rate, there and back), and the
                // CPU of each service's threads is printed by kind: with C2 the compiler threads ("C# CompilerThre")
                // were still a fifth of it after this warm-up, which is why local services run C1 only (ServiceProcess)
                singleChanges(http, gateway, tokens, pg, campaigns, DE, Math.min(WARM_UP, 2_000), RATE, "ACTIVE", "SUSPENDED", false);
                singleChanges(http, gateway, tokens, pg, campaigns, DE, Math.min(WARM_UP, 2_000), RATE, "SUSPENDED", "ACTIVE", false);
                resetStatements(pg);
                Map<String, Double> beforeChanges = PlatformCpu.cpu(platform);
                Map<String, Map<String, Double>> threadsBefore = PlatformCpu.threads(platform);
                long changesStarted = System.nanoTime();
                singleChanges(http, gateway, tokens, pg, campaigns, FR, CHANGES, RATE, "ACTIVE", "SUSPENDED", true);
                PlatformCpu.print("  CPU used by the measured changes (and all they set off: emails, events, SMTP):", beforeChanges,
                        PlatformCpu.cpu(platform), changesStarted);
                PlatformCpu.printThreads(threadsBefore, PlatformCpu.threads(platform));
                statements(pg, "during the measured changes");
            }
            for (PlatformService service : PlatformService.values()) {
                System.out.printf("  %s RSS %d MiB (target <= 400 MiB)%n", service, NotificationsBenchmark.rssKiB(platform.pid(service)) / 1024);
            }
        }
    }

    /** With IMPALA_PG_OPTS="-c shared_preload_libraries=pg_stat_statements": the statements that took longest. */
    private static void statements(PostgresServer pg, String when) {
        try {
            pg.psql("create extension if not exists pg_stat_statements");
            System.out.println("  PostgreSQL's longest statements " + when + " (total ms, calls, rows, database, statement):");
            for (String line : pg.psql("select round(s.total_exec_time), s.calls, s.rows, d.datname, left(regexp_replace(s.query, "
                    + "'\\s+', ' ', 'g'), 150) from pg_stat_statements s join pg_database d on d.oid = s.dbid "
                    + "order by s.total_exec_time desc limit 15").split("\n")) {
                System.out.println("    " + line);
            }
        } catch (RuntimeException notLoaded) {
            // pg_stat_statements is not preloaded: nothing to show
        }
    }

    private static void resetStatements(PostgresServer pg) {
        try {
            pg.psql("select pg_stat_statements_reset()");
        } catch (RuntimeException notLoaded) {
            // pg_stat_statements is not preloaded: nothing to reset
        }
    }

    /** Each consumer's batches so far, from the service's own metrics: how many, their mean size, time applying. */
    private static void batches(HttpClient http, String service) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(service + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, double[]> consumers = new java.util.TreeMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^impala_inbox_batch_(size|apply_seconds)_(count|sum)"
                + "\\{consumer=\"([^\"]+)\"[^}]*}\\s+([0-9.eE+]+)").matcher(metrics);
        while (m.find()) {
            double[] v = consumers.computeIfAbsent(m.group(3), k -> new double[3]);
            double value = Double.parseDouble(m.group(4));
            if (m.group(1).equals("size")) {
                v[m.group(2).equals("count") ? 0 : 1] = value;
            } else if (m.group(2).equals("sum")) {
                v[2] = value;
            }
        }
        consumers.forEach((consumer, v) -> System.out.printf("  %s: %,.0f batches, %.0f records each on average, %.2f s "
                + "applying in all%n", consumer, v[0], v[0] == 0 ? 0 : v[1] / v[0], v[2]));
    }

    private static void sync(HttpClient http, String gateway, String token, String association, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(gateway + "/api/v1/associations/" + association + "/sync"))
                .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sync failed " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }

    /** Polls {@code sql} every 50 ms until it counts {@code expected}, then prints the time since {@code since}. */
    private static Thread watch(Connection conn, String sql, long expected, long since, String format, long events) {
        Thread thread = new Thread(() -> {
            try {
                awaitCount(conn, sql, expected);
                double seconds = (System.nanoTime() - since) / 1e9;
                System.out.printf(format, expected, seconds, events / seconds);
            } catch (Exception e) {
                System.out.println("  not reached: " + e.getMessage());
            }
        });
        thread.start();
        return thread;
    }

    private static void awaitCount(Connection conn, String sql, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long seen = -1;
        try (Statement statement = conn.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = statement.executeQuery(sql)) {
                    rs.next();
                    seen = rs.getLong(1);
                }
                if (seen >= expected) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException(seen + " of " + expected + " after 10 minutes: " + sql);
    }

    /** The same events read by a plain consumer, and the same read-model rows written by one set-based insert each. */
    private static void floors(Platform platform, PostgresServer pg, Connection campaigns, Connection notifications,
                               long events) throws SQLException {
        String kafka = platform.servers().kafka().bootstrapServers();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka,
                "max.poll.records", "5000"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("membership.members.v1", "membership.contacts.v1")) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long total = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            long t0 = System.nanoTime();
            long read = 0;
            while (read < total) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  floor: a plain Kafka consumer read all %,d member and contact events in %.2f s (%,.0f events/s)%n",
                    read, seconds, read / seconds);
        }
        double campaignsMs = insertCopy(campaigns, "member_view", "represented_by = '" + FR + "'");
        double membersMs = insertCopy(notifications, "recipient_member", "represented_by = '" + FR + "'");
        double contactsMs = insertCopy(notifications, "recipient_contact",
                "member_id in (select member_id from recipient_member where represented_by = '" + FR + "')");
        System.out.printf("  floor: one set-based insert of the same read-model rows: campaigns %.0f ms; notifications %.0f ms "
                + "(members %.0f + contacts %.0f), each committed%n", campaignsMs, membersMs + contactsMs, membersMs, contactsMs);
    }

    /** Inserts a copy of the rows of {@code table} matching {@code where} into a like table with its indexes, in ms. */
    private static double insertCopy(Connection conn, String table, String where) throws SQLException {
        try (Statement statement = conn.createStatement()) {
            statement.execute("drop table if exists floor_" + table);
            statement.execute("create table floor_" + table + " (like " + table + " including all)");
            long t0 = System.nanoTime();
            statement.execute("insert into floor_" + table + " select * from " + table + " where " + where);
            double ms = (System.nanoTime() - t0) / 1e6;
            statement.execute("drop table floor_" + table);
            return ms;
        }
    }

    /**
     * Status changes through the gateway at a steady rate (one member after the other), each timed from its
     * request until campaigns' member_view shows the new status.
     */
    private static void singleChanges(HttpClient http, String gateway, KeycloakTokens tokens, PostgresServer pg,
                                      Connection campaigns, String association, int count, int rate, String from,
                                      String to, boolean print)
            throws Exception {
        List<UUID> members = new ArrayList<>();
        try (Connection membership = DriverManager.getConnection(pg.jdbcUrl("membership"), PostgresServer.USER,
                PostgresServer.PASSWORD);
             Statement statement = membership.createStatement();
             ResultSet rs = statement.executeQuery("select id from member where represented_by = '" + association
                     + "' and status = '" + from + "' order by id limit " + count)) {
            while (rs.next()) {
                members.add((UUID) rs.getObject(1));
            }
        }
        String token = tokens.demoUser("secretariat");
        Map<UUID, long[]> pending = new ConcurrentHashMap<>(); // member -> {sent at, 1 if SUSPENDED expected}
        Map<UUID, String> expected = new ConcurrentHashMap<>();
        List<Double> latencies = new CopyOnWriteArrayList<>();
        List<Double> answers = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread poller = new Thread(() -> poll(campaigns, pending, expected, latencies), "read-model-poller");
        poller.setDaemon(true);
        poller.start();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        int changes = members.size();
        for (int i = 0; i < changes; i++) {
            UUID member = members.get(i);
            String status = to;
            clock.schedule(() -> {
                expected.put(member, status);
                long sent = System.nanoTime();
                pending.put(member, new long[] {sent});
                http.sendAsync(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/members/" + member + "/status"))
                                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status
                                        + "\",\"reason\":\"propagation benchmark\"}")).build(),
                        HttpResponse.BodyHandlers.ofString())
                        .thenAccept(r -> {
                            answers.add((System.nanoTime() - sent) / 1e6);
                            if (r.statusCode() != 200) {
                                failures.add(r.statusCode() + " " + r.body());
                                pending.remove(member);
                            }
                        });
            }, (long) i * 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        }
        clock.shutdown();
        clock.awaitTermination(10, TimeUnit.MINUTES);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        poller.interrupt();
        if (!print) {
            return;
        }
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("single member status changes through the gateway at %d/s: %d seen in campaigns' read model, "
                        + "p50 %.0f ms, p99 %.0f ms, max %.0f ms (target p99 <= 250 ms); %d failed, %d never seen%n",
                rate, sorted.size(), percentile(sorted, 50), percentile(sorted, 99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), failures.size(), pending.size());
        List<Double> answered = new ArrayList<>(answers);
        Collections.sort(answered);
        System.out.printf("  the gateway answered those changes in p50 %.0f ms, p99 %.0f ms%n", percentile(answered, 50),
                percentile(answered, 99));
        if (!failures.isEmpty()) {
            System.out.println("  first failure: " + failures.get(0));
        }
    }

    /** Every 10 ms: which pending members does member_view show with their expected status now. */
    private static void poll(Connection conn, Map<UUID, long[]> pending, Map<UUID, String> expected, List<Double> latencies) {
        try (PreparedStatement query = conn.prepareStatement("select member_id, status from member_view where member_id = any(?)")) {
            while (true) {
                if (!pending.isEmpty()) {
                    query.setArray(1, conn.createArrayOf("uuid", pending.keySet().toArray()));
                    try (ResultSet rs = query.executeQuery()) {
                        long now = System.nanoTime();
                        while (rs.next()) {
                            UUID member = (UUID) rs.getObject(1);
                            long[] sent = pending.get(member);
                            if (sent != null && rs.getString(2).equals(expected.get(member))) {
                                pending.remove(member);
                                latencies.add((now - sent[0]) / 1e6);
                            }
                        }
                    }
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            // the measurement is over
        } catch (Exception e) {
            System.out.println("  poller stopped: " + e);
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
