package eu.impala.local.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.Platform;
import eu.impala.local.PlatformService;
import eu.impala.local.PostgresServer;

/**
 * How fast the membership statistics answer with 100,000 members and their history. On the whole platform (real
 * PostgreSQL, Kafka, Keycloak), the members and their journal rows (created, admitted, some lapsed, re-activated or
 * terminated, spread over three years) are loaded with set-based SQL into membership's real schema: the statistics
 * read only what the service writes there, and loading through syncs would only make the run longer. Then each
 * statistics endpoint is called through the gateway at a steady rate (under the gateway's per-client limit) and the
 * program prints p50/p99 per endpoint, the first call's time (before any warm-up: nothing counted or kept yet) and,
 * beside them, the time in PostgreSQL over JDBC of the statement that counts the whole range: the floor.
 * Not a test: it asserts nothing.
 *
 * <p>Run: {@code ./mvnw -q -DskipTests install && ./mvnw -q -pl deploy/local test-compile exec:java@statistics-benchmark}
 */
public final class StatisticsBenchmark {

    private static final int MEMBERS = Integer.getInteger("bench.members", 100_000);
    private static final int RATE = Integer.getInteger("bench.rate", 20);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    private static final String FR = "0a5f0000-0000-4000-8000-000000000001";
    private static final String DE = "0a5f0000-0000-4000-8000-000000000002";
    private static final String COUNTRIES = "(array['FR','DE','IT','ES','NL','BE','SE','DK','FI','NO','PL','AT','CH','PT',"
            + "'IE','GB','CZ','HU','GR','RO','BG','HR','SI','SK','EE','LV','LT','LU','CY','IS'])";

    /** The statements the service runs (StatisticsQueries), with JDBC's placeholders. */
    private static final String CELLS = "select country, kind, size_class, category, status, count(*)::int4 from member "
            + "where erased_at is null%s group by country, kind, size_class, category, status";
    private static final String MONTH = "date_trunc('month', at at time zone 'UTC')";
    private static final String MOVES = "select to_char(month, 'YYYY-MM'), status_before, status_after, n from (select "
            + MONTH + " as month, status_before, status_after, count(*)::int4 as n from member_journal "
            + "where status_after is not null and " + MONTH + " >= date_trunc('month', now() at time zone 'UTC') "
            + "- interval '35 months' and " + MONTH + " < date_trunc('month', now() at time zone 'UTC') + interval '1 month'%s "
            + "group by 1, 2, 3) moves";

    private StatisticsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (Platform platform = BenchPlatform.prepared().start()) {
            PostgresServer pg = platform.servers().postgres();
            String gateway = platform.url(PlatformService.GATEWAY);
            KeycloakTokens tokens = BenchPlatform.tokens(platform);
            try (Connection db = DriverManager.getConnection(pg.jdbcUrl("membership"), PostgresServer.USER,
                    PostgresServer.PASSWORD)) {
                long t0 = System.nanoTime();
                load(db);
                System.out.printf("loaded %,d members and %,d journal rows with status moves in %.1f s (set-based SQL)%n",
                        MEMBERS, count(db, "select count(*) from member_journal where status_after is not null"),
                        (System.nanoTime() - t0) / 1e9);
                HttpClient http = BenchPlatform.http();
                String secretariat = tokens.demoUser("secretariat");
                String fr = tokens.demoUser("fr-admin");
                String months = "from=" + month(db, 35) + "&to=" + month(db, 0);
                Map<String, HttpRequest> calls = new LinkedHashMap<>();
                calls.put("counts, all members (secretariat)", get(gateway, "/api/v1/statistics/members", secretariat, null));
                calls.put("counts, FR's members (fr-admin)", get(gateway, "/api/v1/statistics/members", fr, null));
                calls.put("counts as CSV, all members", get(gateway, "/api/v1/statistics/members", secretariat, "text/csv"));
                calls.put("monthly, 36 months, all (secretariat)",
                        get(gateway, "/api/v1/statistics/members/monthly?" + months, secretariat, null));
                calls.put("monthly, 36 months, FR (fr-admin)",
                        get(gateway, "/api/v1/statistics/members/monthly?" + months, fr, null));
                calls.put("public, anonymous", get(gateway, "/api/v1/statistics/members/public", null, null));
                Map<String, String> floors = new LinkedHashMap<>();
                floors.put("counts, all members (secretariat)", CELLS.formatted(""));
                floors.put("counts, FR's members (fr-admin)", CELLS.formatted(" and represented_by = '" + FR + "'"));
                floors.put("counts as CSV, all members", CELLS.formatted(""));
                floors.put("monthly, 36 months, all (secretariat)", MOVES.formatted(""));
                floors.put("monthly, 36 months, FR (fr-admin)", MOVES.formatted(" and feed_association = '" + FR + "'"));
                floors.put("public, anonymous", CELLS.formatted(""));
                // each endpoint's first call after the load: nothing counted yet (the monthly series keep their settled
                // months once counted), with the service's code still cold
                Map<String, Double> first = new LinkedHashMap<>();
                for (Map.Entry<String, HttpRequest> call : calls.entrySet()) {
                    long t1 = System.nanoTime();
                    http.send(call.getValue(), java.net.http.HttpResponse.BodyHandlers.discarding());
                    first.put(call.getKey(), (System.nanoTime() - t1) / 1e6);
                }
                // warm-up: JIT, pools, PostgreSQL's caches
                for (HttpRequest request : calls.values()) {
                    HttpLoad.fixedRate(http, request, RATE, 3);
                }
                System.out.printf("%n%d requests per endpoint at %d/s through the gateway; floor: the same statement "
                        + "over JDBC, as many times%n", RATE * SECONDS, RATE);
                System.out.printf("%-40s %10s %10s %8s %10s | %12s %12s%n", "endpoint", "p50 ms", "p99 ms", "errors",
                        "first ms", "floor p50 ms", "floor p99 ms");
                for (Map.Entry<String, HttpRequest> call : calls.entrySet()) {
                    HttpLoad.Result result = HttpLoad.fixedRate(http, call.getValue(), RATE, SECONDS);
                    List<Double> floor = floor(db, floors.get(call.getKey()), RATE * SECONDS);
                    System.out.printf("%-40s %10.2f %10.2f %8d %10.2f | %12.2f %12.2f%n", call.getKey(),
                            result.percentile(50), result.percentile(99), result.errors(), first.get(call.getKey()),
                            HttpLoad.percentile(floor, 50),
                            HttpLoad.percentile(floor, 99));
                }
                System.out.printf("%nmembership-service RSS %d MiB%n",
                        NotificationsBenchmark.rssKiB(platform.pid(PlatformService.MEMBERSHIP)) / 1024);
            }
        }
    }

    /**
     * 100,000 members over 30 countries, kinds, size classes and categories, FR, DE, eight other associations or none;
     * each created as APPLICANT and admitted ten days later, some time in the last three years; of every 20, two lapse
     * (one of them comes back), one is terminated and one is suspended; one in 500 is erased.
     */
    private static void load(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("create temp table bench_member as select i, gen_random_uuid() as id, "
                    + "now() - ((i % 1080) || ' days')::interval - interval '20 days' as created, "
                    + "(case i % 10 when 0 then '" + FR + "' when 1 then '" + DE + "' when 2 then null "
                    + "else '0a5f0000-0000-4000-8000-00000000001' || (i % 10) end)::uuid as association, "
                    + "case i % 20 when 3 then 'LAPSED' when 4 then 'TERMINATED' when 5 then 'SUSPENDED' else 'ACTIVE' end "
                    + "as status from generate_series(1, " + MEMBERS + ") i");
            s.execute("insert into member (id, kind, legal_name, display_name, country, size_class, category, represented_by, "
                    + "status, joined_on, erased_at, created_at, updated_at, version) select id, "
                    + "(array['COMPANY','COMPANY','COMPANY','ARTIST','NATIONAL_ASSOCIATION'])[1 + i % 5], 'Member ' || i, "
                    + "'Member ' || i, " + COUNTRIES + "[1 + (i / 7) % 30], "
                    + "(array['MICRO','SMALL','MEDIUM',null])[1 + (i / 3) % 4], "
                    + "case when association is null then 'DIRECT' else 'REPRESENTED' end, association, status, "
                    + "(created + interval '10 days')::date, case when i % 500 = 0 then now() end, created, created, 2 "
                    + "from bench_member");
            String journal = "insert into member_journal (member_id, at, actor, action, feed_association, changes, "
                    + "status_before, status_after) select id, %s, 'statistics-benchmark', %s, association, '[]', %s, %s "
                    + "from bench_member";
            s.execute(journal.formatted("created", "'created'", "null", "'APPLICANT'"));
            s.execute(journal.formatted("created + interval '10 days'", "'status-changed'", "'APPLICANT'", "'ACTIVE'"));
            s.execute(journal.formatted("created + interval '15 days'", "'status-changed'", "'ACTIVE'", "status")
                    + " where status <> 'ACTIVE'");
            s.execute(journal.formatted("created + interval '18 days'", "'status-changed'", "'LAPSED'", "'ACTIVE'")
                    + " where i % 20 = 6");
            s.execute(journal.formatted("created + interval '12 days'", "'status-changed'", "'ACTIVE'", "'LAPSED'")
                    + " where i % 20 = 6");
            // what autovacuum would have done by the time anyone asks
            s.execute("vacuum analyze member");
            s.execute("vacuum analyze member_journal");
        }
    }

    private static List<Double> floor(Connection db, String sql, int times) throws SQLException {
        List<Double> millis = new ArrayList<>(times);
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < times; i++) {
                long t0 = System.nanoTime();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        rows.getInt(sql.startsWith("select to_char") ? 4 : 6);
                    }
                }
                millis.add((System.nanoTime() - t0) / 1e6);
            }
        }
        Collections.sort(millis);
        return millis;
    }

    private static HttpRequest get(String gateway, String path, String token, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", accept == null ? "application/json" : accept);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.GET().build();
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String month(Connection db, int monthsAgo) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery("select to_char(date_trunc('month', "
                + "now() at time zone 'UTC') - interval '" + monthsAgo + " months', 'YYYY-MM')")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
