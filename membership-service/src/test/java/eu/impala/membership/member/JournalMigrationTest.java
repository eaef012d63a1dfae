package eu.impala.membership.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The migration to the change journal (V5) on a database as the service left it before: the history moves over in
 * its order and reads the same, an event not yet published stays in the relay's reach, and the old feed goes.
 */
@QuarkusTest
class JournalMigrationTest {

    private static final String MEMBER = "7348ca26-fe13-462c-8fcd-38897941e593";
    private static final String CONTACT = "c11710a2-96fc-4230-953d-fe6e26f619a7";

    @Test
    void historyAndUnpublishedEventsSurviveTheMoveToTheJournal() throws SQLException {
        String serverUrl = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        String password = ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class);
        String database = "journal_migration_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password); Statement s = admin.createStatement()) {
            s.execute("create database " + database);
        }
        String url = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + database;
        try {
            Flyway flyway = Flyway.configure().dataSource(url, user, password).locations("db/commons", "db/migration")
                    .outOfOrder(true).target("4").load();
            flyway.migrate();
            try (Connection db = DriverManager.getConnection(url, user, password); Statement s = db.createStatement()) {
                // what the service wrote before the journal: a creation and a contact in history, both in the feed and
                // the outbox; the relay had published the first event and not the second
                s.execute("insert into member (id, kind, legal_name, display_name, country, category, represented_by, status, "
                        + "created_at, updated_at, version) values ('" + MEMBER + "', 'COMPANY', 'Maree Haute SARL', "
                        + "'Maree Haute', 'FR', 'REPRESENTED', '0a5f0000-0000-4000-8000-000000000001', 'ACTIVE', now(), now(), 2)");
                s.execute("insert into member_history (member_id, subject, subject_id, action, actor, reason, at, changes) values "
                        + "('" + MEMBER + "', 'MEMBER', '" + MEMBER + "', 'created', 'sync-fr', null, now() - interval '1 hour', "
                        + "'{\"displayName\":{\"before\":null,\"after\":\"Maree Haute\"}}'), "
                        + "('" + MEMBER + "', 'CONTACT', '" + CONTACT + "', 'contact-added', 'fr-admin', null, now(), "
                        + "'{\"email\":{\"before\":null,\"after\":\"owner@maree.example\"}}')");
                s.execute("insert into member_change (association_id, member_id, change, at, member) values "
                        + "('0a5f0000-0000-4000-8000-000000000001', '" + MEMBER + "', 'created', now(), '{}')");
                s.execute("insert into outbox_event (id, topic, event_type, source, aggregate_id, occurred_at, payload) values "
                        + "(gen_random_uuid(), 'membership.members.v1', 'registered', '/membership-service', '" + MEMBER
                        + "', now(), '{\"memberId\":\"" + MEMBER + "\"}')");
                s.execute("update outbox_position set published = pg_current_snapshot()");
                s.execute("insert into outbox_event (id, topic, event_type, source, aggregate_id, occurred_at, payload) values "
                        + "(gen_random_uuid(), 'membership.contacts.v1', 'added', '/membership-service', '" + MEMBER
                        + "', now(), '{\"contactId\" : \"" + CONTACT + "\"}')");
            }

            // up to the release before V9, whose placeholder associations bring events of their own
            // (AssociationMigrationTest)
            flyway = Flyway.configure().dataSource(url, user, password).locations("db/commons", "db/migration")
                    .outOfOrder(true).target("8").load();
            flyway.migrate();

            try (Connection db = DriverManager.getConnection(url, user, password); Statement s = db.createStatement()) {
                List<String> history = new ArrayList<>();
                try (ResultSet rows = s.executeQuery("select action, actor, changes from member_journal where member_id = '"
                        + MEMBER + "' order by seq")) {
                    while (rows.next()) {
                        history.add(rows.getString(1) + "|" + rows.getString(2) + "|" + rows.getString(3));
                    }
                }
                assertEquals(List.of(
                        "created|sync-fr|[{\"subject\" : \"MEMBER\", \"subjectId\" : \"" + MEMBER + "\", \"action\" : "
                                + "\"created\", \"changes\" : {\"displayName\":{\"before\":null,\"after\":\"Maree Haute\"}}}]",
                        "null|fr-admin|[{\"subject\" : \"CONTACT\", \"subjectId\" : \"" + CONTACT + "\", \"action\" : "
                                + "\"contact-added\", \"changes\" : {\"email\":{\"before\":null,\"after\":\"owner@maree.example\"}}}]"),
                        history, "the history, in its order, one journal row per former row");
                // the unpublished event is still for the relay to send, byte for byte; the published one is not
                try (ResultSet rows = s.executeQuery("select topic, payload::text from outbox_messages o "
                        + "where not outbox_published(o.tx, o.seq)")) {
                    assertTrue(rows.next());
                    assertEquals("membership.contacts.v1", rows.getString(1));
                    assertEquals("{\"contactId\" : \"" + CONTACT + "\"}", rows.getString(2));
                    assertTrue(!rows.next(), "only the unpublished event is left to send");
                }
                try (ResultSet rows = s.executeQuery("select sum(events) from outbox_backlog()")) {
                    assertTrue(rows.next());
                    assertEquals(1, rows.getInt(1));
                }
                // the old feed is gone: its cursors are answered 410 (SyncTest); no journal row is in a feed yet
                try (ResultSet rows = s.executeQuery("select count(*) from information_schema.tables where table_name in "
                        + "('member_history', 'member_change', 'member_change_horizon')")) {
                    assertTrue(rows.next());
                    assertEquals(0, rows.getInt(1));
                }
                // a relay of the release before fails on the renamed window column instead of moving the position past
                // the journal's events, which it cannot see
                try (ResultSet rows = s.executeQuery("select string_agg(column_name, ',' order by column_name) "
                        + "from information_schema.columns where table_name = 'outbox_position'")) {
                    assertTrue(rows.next());
                    assertEquals("after_seq,id,moved_at,published,window_target", rows.getString(1));
                }
                try (ResultSet rows = s.executeQuery("select count(*) from member_journal where feed_association is not null "
                        + "or left_association is not null or events is not null")) {
                    assertTrue(rows.next());
                    assertEquals(0, rows.getInt(1));
                }
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(serverUrl, user, password); Statement s = admin.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
            }
        }
    }
}
