package eu.impala.membership.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The migration that makes the association ids already in use members (V9), on a database as the service left it
 * before: each id without a member gets a placeholder national association; one that has its member keeps it.
 */
@QuarkusTest
class AssociationMigrationTest {

    private static final String REPRESENTING = "a0000000-0000-4000-8000-00000000000a";
    private static final String ONLY_SYNCED = "a0000000-0000-4000-8000-00000000000b";
    private static final String RECORDED = "a0000000-0000-4000-8000-00000000000c";

    @Test
    void everyAssociationIdInUseBecomesANationalAssociationMemberOnceAndAnnouncedAsRegistered() throws SQLException {
        String serverUrl = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        String password = ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class);
        String database = "association_migration_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password); Statement s = admin.createStatement()) {
            s.execute("create database " + database);
        }
        String url = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + database;
        try {
            Flyway.configure().dataSource(url, user, password).locations("db/commons", "db/migration").outOfOrder(true)
                    .target("8").load().migrate();
            try (Connection db = DriverManager.getConnection(url, user, password); Statement s = db.createStatement()) {
                // two French members and a German one represented by an id nobody recorded; a sync run of another id
                // with no members; a third id that is already a national association's record
                s.execute(member(UUID.randomUUID().toString(), "COMPANY", "FR", REPRESENTING));
                s.execute(member(UUID.randomUUID().toString(), "COMPANY", "FR", REPRESENTING));
                s.execute(member(UUID.randomUUID().toString(), "ARTIST", "DE", REPRESENTING));
                s.execute("insert into sync_run (id, association_id, actor, mode, dry_run, forced, outcome, created_at, "
                        + "summary, result) values (gen_random_uuid(), '" + ONLY_SYNCED + "', 'sync-xx', 'upsert', false, "
                        + "false, 'applied', now(), '{}', '{}')");
                s.execute(member(RECORDED, "NATIONAL_ASSOCIATION", "BE", null));
                s.execute(member(UUID.randomUUID().toString(), "COMPANY", "BE", RECORDED));
            }

            Flyway.configure().dataSource(url, user, password).locations("db/commons", "db/migration").outOfOrder(true)
                    .load().migrate();

            try (Connection db = DriverManager.getConnection(url, user, password); Statement s = db.createStatement()) {
                assertEquals("NATIONAL_ASSOCIATION|Unnamed national association " + REPRESENTING + "|FR|DIRECT|ACTIVE|null",
                        row(s, "select kind, legal_name, country, category, status, represented_by from member "
                                + "where id = '" + REPRESENTING + "'"), "named as a placeholder, in its members' country");
                assertEquals("NATIONAL_ASSOCIATION|ZZ|ACTIVE", row(s, "select kind, country, status from member "
                        + "where id = '" + ONLY_SYNCED + "'"), "no members: a country no request accepts, to be set");
                assertEquals("1|Association " + RECORDED, row(s, "select count(*), min(legal_name) from member "
                        + "where id = '" + RECORDED + "'"), "an association with its record keeps it");
                assertEquals("3", row(s, "select count(*) from member where kind = 'NATIONAL_ASSOCIATION'"));
                // its history says where it came from; it is no status move for the statistics
                assertEquals("migration V9|created|null", row(s, "select actor, action, status_after from member_journal "
                        + "where member_id = '" + REPRESENTING + "'"));
                // and member.registered is left for the relay to publish, like any event of the journal
                try (ResultSet rows = s.executeQuery("select event_type, payload::text from outbox_messages o "
                        + "where aggregate_id = '" + REPRESENTING + "' and not outbox_published(o.tx, o.seq)")) {
                    assertTrue(rows.next(), "the registration is to be published");
                    assertEquals("eu.impala.membership.member.registered.v1", rows.getString(1));
                    assertTrue(rows.getString(2).contains("\"kind\" : \"NATIONAL_ASSOCIATION\""), rows.getString(2));
                }
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(serverUrl, user, password); Statement s = admin.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    private static String member(String id, String kind, String country, String representedBy) {
        return "insert into member (id, kind, legal_name, display_name, country, category, represented_by, status, "
                + "created_at, updated_at, version) values ('" + id + "', '" + kind + "', 'Association " + id + "', "
                + "'Member', '" + country + "', '" + (representedBy == null ? "DIRECT" : "REPRESENTED") + "', "
                + (representedBy == null ? "null" : "'" + representedBy + "'") + ", 'ACTIVE', now(), now(), 1)";
    }

    /** The one row's columns joined by |. */
    private static String row(Statement s, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            assertTrue(rows.next(), sql);
            StringBuilder joined = new StringBuilder();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                joined.append(i > 1 ? "|" : "").append(rows.getString(i));
            }
            return joined.toString();
        }
    }
}
