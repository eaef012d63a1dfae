package eu.impala.local.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.openqa.selenium.By;

import eu.impala.local.LocalDirs;
import eu.impala.local.Platform;
import eu.impala.local.PlatformService;
import eu.impala.local.PostgresServer;

/**
 * Makes the root README's picture of the sector dashboard, {@code docs/console-dashboard.png}, from a real run: a
 * platform of its own (free ports, a temporary home) with the demo data, and a year of a small sector's history (480
 * members over eight countries, joining month by month, some lapsing, some coming back), loaded with set-based SQL
 * into membership's real schema as the statistics benchmark does: through syncs every join would fall in this month.
 * The secretariat signs in in headless Chromium at 1280×900 and the page is written as it shows. Not a test: it
 * asserts nothing.
 *
 * <p>Run: {@code ./mvnw -q -DskipTests install && ./mvnw -q -pl deploy/local test-compile exec:java@console-screenshot}
 */
public final class DashboardScreenshot {

    private static final int MEMBERS = Integer.getInteger("screenshot.members", 480);
    private static final Path OUT = LocalDirs.repoRoot().resolve("docs").resolve("console-dashboard.png");
    private static final String FR = "0a5f0000-0000-4000-8000-000000000001";
    private static final String DE = "0a5f0000-0000-4000-8000-000000000002";

    private DashboardScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("impala-screenshot");
        home.toFile().setExecutable(true, false);
        try (Platform platform = new Platform(LocalDirs.repoRoot(), home, true, false).start()) {
            platform.ensureDemoData();
            PostgresServer pg = platform.servers().postgres();
            try (Connection db = DriverManager.getConnection(pg.jdbcUrl("membership"), PostgresServer.USER,
                    PostgresServer.PASSWORD)) {
                load(db);
            }
            String gateway = platform.url(PlatformService.GATEWAY);
            new KeycloakAdmin(platform.servers().keycloak().url()).allowConsoleAt("impala-frontend", gateway);
            try (ConsoleBrowser browser = new ConsoleBrowser(gateway, "readme", 1280, 1100)) {
                browser.viewport(1280, 900);
                browser.signIn("secretariat");
                browser.await(By.cssSelector("table[data-dimension='monthly']"));
                browser.settled();
                // small enough that the joins and lapses are in the picture too, large enough to read
                browser.zoom(0.72);
                Path shot = browser.keep("dashboard");
                Files.copy(shot, OUT, StandardCopyOption.REPLACE_EXISTING);
                System.out.printf("wrote %s (%,d bytes)%n", OUT, Files.size(OUT));
            }
        }
    }

    /**
     * {@link #MEMBERS} members: eight countries (more in the big ones), companies, artists and a few associations,
     * each size class; FR, DE or no association. Each is created as an applicant some day of the last twelve months
     * (more of them lately: a growing sector) and admitted ten days later; of every 12, one lapses a month on and one of every 24 comes back after another.
     */
    private static void load(Connection db) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("create temp table shot_member as select i, gen_random_uuid() as id, "
                    + "now() - (floor(355 * power((i * 7919 % 1000) / 1000.0, 0.8)) || ' days')::interval - interval '11 days' as created, "
                    + "(array['FR','FR','FR','DE','DE','DE','IT','IT','ES','ES','NL','BE','SE','PL'])[1 + i % 14] as country, "
                    + "case i % 12 when 5 then 'LAPSED' else 'ACTIVE' end as status from generate_series(1, " + MEMBERS + ") i");
            s.execute("insert into member (id, kind, legal_name, display_name, country, size_class, category, represented_by, "
                    + "status, joined_on, created_at, updated_at, version) select id, "
                    + "(array['COMPANY','COMPANY','COMPANY','ARTIST','ARTIST','COMPANY','COMPANY','COMPANY','ARTIST',"
                    + "'NATIONAL_ASSOCIATION'])[1 + i % 10], 'Sector member ' || i, 'Sector member ' || i, country, "
                    + "(array['MICRO','MICRO','MICRO','SMALL','SMALL','MEDIUM',null])[1 + (i / 3) % 7], "
                    + "case when country = 'FR' or country = 'DE' then 'REPRESENTED' else 'DIRECT' end, "
                    + "case country when 'FR' then '" + FR + "'::uuid when 'DE' then '" + DE + "'::uuid end, status, "
                    + "(created + interval '10 days')::date, created, created, 2 from shot_member");
            String journal = "insert into member_journal (member_id, at, actor, action, feed_association, changes, "
                    + "status_before, status_after) select m.id, %s, 'console-screenshot', %s, x.represented_by, '[]', %s, %s "
                    + "from shot_member m join member x using (id)";
            s.execute(journal.formatted("created", "'created'", "null", "'APPLICANT'"));
            s.execute(journal.formatted("created + interval '10 days'", "'status-changed'", "'APPLICANT'", "'ACTIVE'"));
            s.execute(journal.formatted("least(created + interval '40 days', now())", "'status-changed'", "'ACTIVE'",
                    "'LAPSED'") + " where m.status = 'LAPSED' or i % 24 = 7");
            s.execute(journal.formatted("least(created + interval '70 days', now())", "'status-changed'", "'LAPSED'",
                    "'ACTIVE'") + " where i % 24 = 7");
            s.execute("analyze member");
            s.execute("analyze member_journal");
        }
    }
}
