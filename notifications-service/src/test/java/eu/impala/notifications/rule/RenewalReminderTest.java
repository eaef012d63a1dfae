package eu.impala.notifications.rule;

import static eu.impala.notifications.NotificationsTestServers.token;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import eu.impala.commons.events.CloudEvent;
import eu.impala.local.MailServer;
import eu.impala.notifications.TestDb;
import eu.impala.notifications.TestEvents;
import eu.impala.notifications.notification.DeliveryWorker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * membership's {@code member.renewal-due} reminds the member's primary contact by email, in its language, unless its
 * preferences turned MEMBERSHIP email off, and tells the member's staff in the app; a redelivery adds nothing.
 */
@QuarkusTest
class RenewalReminderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    DeliveryWorker worker;

    private static UUID member(String name) {
        UUID id = UUID.randomUUID();
        TestEvents.memberRegistered(id, name, "COMPANY", "DE", null, "ACTIVE");
        return id;
    }

    @Test
    void thePrimaryContactIsRemindedInItsLanguageOnceHoweverOftenTheEventComes() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID member = member("Kompakt " + tag);
        String email = "karl-" + tag + "@kompakt.example";
        TestEvents.contactAdded(member, UUID.randomUUID(), "Karl", email, "de", "PRIMARY", false);
        TestEvents.contactAdded(member, UUID.randomUUID(), "Other", "other-" + tag + "@kompakt.example", "en", "BILLING", false);
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_contact where email like '%' || $1 || '%'", tag, 2);
        LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(30);

        CloudEvent reminder = TestEvents.renewalDue(member, null, due, 30);
        MailServer.Received mail = MailServer.forTests().await(m -> m.to().contains(email)
                && m.subject().contains("Verlängerung"), 1, WAIT).get(0);
        assertEquals("Mitgliedschaft von Kompakt " + tag + ": Verlängerung fällig am " + due, mail.subject());
        assertTrue(mail.text().contains("Hallo Karl"), mail.text());
        assertTrue(mail.text().contains("ist am " + due + " zur Verlängerung fällig, in 30 Tagen"), mail.text());
        assertTrue(mail.html().contains("<p>"), mail.html());
        // no list mail: no one-click unsubscribe, but a footer that says why it comes and how to turn it off
        assertEquals(null, mail.header("List-Unsubscribe"));
        assertTrue(mail.text().contains("Hauptkontaktperson von Kompakt " + tag) && mail.text().contains("MEMBERSHIP"),
                mail.text());

        // the same event again, then a status change of the same member (same key, so consumed after it): once
        // the change shows, the redelivery was consumed too, and it added nothing
        TestEvents.resend("membership.members.v1", reminder);
        TestEvents.statusChanged(member, "ACTIVE", "SUSPENDED");
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_member where member_id = $1 and status = 'SUSPENDED'",
                member, 1);
        assertEquals(2, TestDb.count(pool, "select count(*) from notification where member_id = $1 and kind = 'renewalDue'",
                member), "one email and one in-app notice");
        worker.deliverDue(OffsetDateTime.now()).await().atMost(WAIT);
        List<MailServer.Received> reminders = MailServer.forTests().received().stream()
                .filter(m -> m.subject().contains("Verlängerung") && m.subject().contains(tag)).toList();
        assertEquals(1, reminders.size(), "one reminder, to the primary contact only: " + reminders);
    }

    @Test
    void aPrimaryContactThatTurnedMembershipEmailOffGetsNoneButTheStaffStillSeeItInTheApp() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID member = member("Quiet " + tag);
        UUID contact = UUID.randomUUID();
        String email = "quiet-" + tag + "@x.example";
        TestEvents.contactAdded(member, contact, "Quinn", email, "en", "PRIMARY", false);
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_contact where email like '%' || $1 || '%'", tag, 1);
        given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"channels\":{\"MEMBERSHIP\":[\"IN_APP\"]},\"digest\":\"IMMEDIATE\"}")
                .put("/api/v1/notifications/preferences/" + contact).then().statusCode(200);

        CloudEvent reminder = TestEvents.renewalDue(member, null, LocalDate.now(ZoneOffset.UTC).plusDays(7), 7);
        // the in-app notice is written in the transaction that would have written the email
        TestDb.awaitAtLeast(pool, "select count(*) from notification where event_id = $1 and channel = 'IN_APP'",
                reminder.id(), 1);
        assertEquals(0, TestDb.count(pool, "select count(*) from notification where event_id = $1 and channel = 'EMAIL'",
                reminder.id()));
        worker.deliverDue(OffsetDateTime.now()).await().atMost(WAIT);
        assertEquals(0, MailServer.forTests().received().stream().filter(m -> m.to().contains(email)
                && m.subject().contains("renewal due")).count(), "the welcome, a transactional message, went; no reminder");
    }

    @Test
    void theMembersStaffSeeTheReminderInTheirInboxInTheirLanguage() {
        TestEvents.memberRegistered(TestEvents.LABEL, "Label Demo Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(300 + (int) (Math.random() * 60));
        TestEvents.renewalDue(TestEvents.LABEL, TestEvents.FR, due, 30);
        NotificationRulesTest.awaitInbox("label-admin", "Adhésion de Label Demo Records : renouvellement dû le " + due, "fr");
    }
}
