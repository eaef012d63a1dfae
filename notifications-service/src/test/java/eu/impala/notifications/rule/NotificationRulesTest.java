package eu.impala.notifications.rule;

import static eu.impala.notifications.NotificationsTestServers.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
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
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class NotificationRulesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    DeliveryWorker worker;

    @Test
    void aNewMemberIsWelcomedInItsPrimaryContactsLanguageAndItsAssociationIsTold() {
        UUID member = UUID.randomUUID();
        String email = "anne-" + member + "@because.example";
        TestEvents.memberRegistered(member, "Because Music", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        TestEvents.contactAdded(member, UUID.randomUUID(), "Anne Martin", email, "fr", "PRIMARY", false);

        MailServer.Received welcome = MailServer.forTests().await(m -> m.to().contains(email), 1, WAIT).get(0);
        assertEquals("Bienvenue chez IMPALA, Because Music", welcome.subject());
        assertTrue(welcome.text().contains("Bonjour Anne Martin"), welcome.text());
        assertNotNull(welcome.html(), "an HTML part too");
        assertTrue(welcome.html().contains("<p>"), welcome.html());

        awaitInbox("fr-admin", "Because Music a rejoint IMPALA par votre association", "fr");
    }

    @Test
    void aLanguageWeDoNotWriteFallsBackToEnglish() {
        UUID member = UUID.randomUUID();
        String email = "joao-" + member + "@label.example";
        TestEvents.contactAdded(member, UUID.randomUUID(), "João", email, "pt", "PRIMARY", false);
        TestEvents.memberRegistered(member, "Lusitania Discos", "COMPANY", "PT", null, "ACTIVE");
        MailServer.Received welcome = MailServer.forTests().await(m -> m.to().contains(email), 1, WAIT).get(0);
        assertEquals("Welcome to IMPALA, Lusitania Discos", welcome.subject());
    }

    @Test
    void campaignNewsGoesOnlyToConsentingContactsOfEligibleActiveMembersAndARedeliveryAddsNothing() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID consenting = member("Yes " + tag, "COMPANY", "ACTIVE");
        UUID refusing = member("No " + tag, "COMPANY", "ACTIVE");
        UUID lapsed = member("Lapsed " + tag, "COMPANY", "LAPSED");
        UUID artist = member("Artist " + tag, "ARTIST", "ACTIVE");
        TestEvents.contactAdded(consenting, UUID.randomUUID(), "Yes", "yes-" + tag + "@x.example", "fr", "PRIMARY", true);
        TestEvents.contactAdded(refusing, UUID.randomUUID(), "No", "no-" + tag + "@x.example", "en", "PRIMARY", false);
        TestEvents.contactAdded(lapsed, UUID.randomUUID(), "Lapsed", "lapsed-" + tag + "@x.example", "en", "PRIMARY", true);
        TestEvents.contactAdded(artist, UUID.randomUUID(), "Artist", "artist-" + tag + "@x.example", "en", "PRIMARY", true);
        awaitContacts(4, tag);

        UUID campaign = UUID.randomUUID();
        CloudEvent published = TestEvents.campaignPublished(campaign, "fair-" + tag, "Fair deals " + tag, "[\"COMPANY\"]");
        MailServer.Received news = MailServer.forTests()
                .await(m -> m.to().contains("yes-" + tag) && m.subject().contains("Fair deals " + tag), 1, WAIT).get(0);
        assertEquals("Nouvelle campagne : Fair deals " + tag + " (FR)", news.subject());
        assertTrue(news.text().contains("/campaigns/fair-" + tag), news.text());

        TestEvents.resend("campaigns.campaigns.v1", published);
        Thread.sleep(2000);
        worker.deliverDue(OffsetDateTime.now()).await().atMost(WAIT);
        List<MailServer.Received> all = MailServer.forTests().received().stream()
                .filter(m -> m.to().contains(tag) && m.subject().contains("Fair deals " + tag)).toList();
        assertEquals(1, all.size(), "of this test's contacts, one email, to the one consenting contact of an eligible "
                + "active member: " + all);
        awaitInbox("label-admin", "New campaign: Fair deals " + tag, "en");
    }

    @Test
    void aSignatureIsConfirmedToTheSignerAndTheGoalToEverySignatory() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID campaign = UUID.randomUUID();
        TestEvents.memberRegistered(TestEvents.LABEL, "Label Demo Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        TestEvents.campaignPublished(campaign, "goal-" + tag, "Goal " + tag, "[]");
        TestEvents.signatureAdded(campaign, "goal-" + tag, TestEvents.LABEL, "label-admin");
        awaitInbox("label-admin", "Your signature of Goal " + tag + " is recorded", "en");
        TestEvents.goalReached(campaign, "goal-" + tag);
        awaitInbox("label-admin", "Goal " + tag + " has reached its goal of 2 signatories", "en");
    }

    @Test
    void aDigestContactGetsOneEmailForSeveralCampaignsAtItsDigestTime() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID member = member("Digest " + tag, "COMPANY", "ACTIVE");
        UUID contact = UUID.randomUUID();
        String email = "digest-" + tag + "@x.example";
        TestEvents.contactAdded(member, contact, "Dora", email, "de", "PRIMARY", true);
        awaitContacts(1, tag);
        given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"channels\":{\"CAMPAIGNS\":[\"EMAIL\"]},\"digest\":\"DAILY\"}")
                .put("/api/v1/notifications/preferences/" + contact).then().statusCode(200);

        TestEvents.campaignPublished(UUID.randomUUID(), "one-" + tag, "One " + tag, "[]");
        TestEvents.campaignPublished(UUID.randomUUID(), "two-" + tag, "Two " + tag, "[]");
        TestDb.awaitAtLeast(pool, "select count(*) from notification where recipient = $1 and digest = 'DAILY'", "contact:" + contact, 2);
        worker.deliverDue(OffsetDateTime.now()).await().atMost(WAIT);
        assertEquals(0, MailServer.forTests().received().stream().filter(m -> m.to().contains(email)
                && !m.subject().startsWith("Willkommen")).count(), "no campaign news before the digest time");

        worker.deliverDue(OffsetDateTime.now().plusDays(2)).await().atMost(WAIT);
        List<MailServer.Received> digest = MailServer.forTests().await(m -> m.to().contains(email)
                && !m.subject().startsWith("Willkommen"), 1, WAIT);
        assertEquals(1, digest.size());
        assertEquals("Ihre IMPALA-Kampagnennachrichten", digest.get(0).subject());
        assertTrue(digest.get(0).text().contains("One " + tag) && digest.get(0).text().contains("Two " + tag),
                digest.get(0).text());
        // a digest is campaign news too: one-click unsubscribe, footer in the contact's language
        assertEquals("List-Unsubscribe=One-Click", digest.get(0).header("List-Unsubscribe-Post"));
        assertTrue(digest.get(0).header("List-Unsubscribe").contains("/api/v1/notifications/unsubscribe?token="),
                digest.get(0).header("List-Unsubscribe"));
        assertTrue(digest.get(0).text().contains("Diese E-Mails abbestellen: "), digest.get(0).text());
    }

    private UUID member(String name, String kind, String status) {
        UUID id = UUID.randomUUID();
        TestEvents.memberRegistered(id, name, kind, "FR", TestEvents.FR, status);
        return id;
    }

    private void awaitContacts(int count, String tag) {
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_contact c join recipient_member m on m.member_id = c.member_id "
                + "where c.email like '%' || $1 || '%'", tag, count);
    }


    static void awaitInbox(String user, String title, String language) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                given().auth().oauth2(token(user)).header("Accept-Language", language).queryParam("limit", 500)
                        .get("/api/v1/notifications/inbox").then().statusCode(200).body("items.title", hasItem(title));
                return;
            } catch (AssertionError e) {
                last = e;
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        throw last;
    }
}
