package eu.impala.notifications.notification;

import static eu.impala.notifications.NotificationsTestServers.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import eu.impala.local.KafkaProbe;
import eu.impala.local.MailServer;
import eu.impala.local.EventSchemas;
import eu.impala.notifications.NotificationsTestServers;
import eu.impala.notifications.TestDb;
import eu.impala.notifications.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class DeliveryReliabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Test
    void everyEmailArrivesExactlyOnceWhenTheSmtpServerStopsAndComesBack() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            UUID member = UUID.randomUUID();
            TestEvents.memberRegistered(member, "Outage " + i + " " + tag, "COMPANY", "FR", TestEvents.FR, "ACTIVE");
            TestEvents.contactAdded(member, UUID.randomUUID(), "C" + i, "c" + i + "-" + tag + "@x.example", "en", "PRIMARY", true);
        }
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_contact c join recipient_member m using (member_id) "
                + "where c.email like '%' || $1 || '%'", tag, 5);
        TestDb.awaitAtLeast(pool, "select count(*) from notification where kind = 'welcome' and status = 'SENT' and address like '%' || $1 || '%'",
                tag, 5);

        MailServer smtp = MailServer.forTests();
        smtp.stop();
        try {
            TestEvents.campaignPublished(UUID.randomUUID(), "outage-" + tag, "Outage " + tag, "[]");
            TestDb.awaitAtLeast(pool, "select count(*) from notification where kind = 'campaignPublished' and status = 'FAILED' "
                    + "and model::text like '%' || $1 || '%'", tag, 5);
        } finally {
            smtp.start();
        }
        // only this test's five contacts: every consenting contact other tests left behind hears of the campaign too
        java.util.function.Predicate<MailServer.Received> ours = m -> m.subject() != null
                && m.subject().contains("Outage " + tag) && m.to().endsWith("-" + tag + "@x.example");
        List<MailServer.Received> arrived = smtp.await(ours, 5, WAIT);
        Thread.sleep(2000); // a duplicate would show up here
        assertEquals(5, smtp.received().stream().filter(ours).count(), "each of the 5 emails once: " + arrived);
        given().auth().oauth2(token("secretariat")).queryParam("kind", "campaignPublished").queryParam("status", "SENT")
                .queryParam("limit", 500).get("/api/v1/notifications/deliveries")
                .then().statusCode(200).body("items.findAll { it.subject?.contains('" + tag + "') }.attempts.min()",
                        greaterThan(1));
    }

    @Test
    void aWelcomeWaitsForAPrimaryContactThatArrivesAfterTheMemberAndGoesOnTheFirstAttempt() throws Exception {
        UUID member = UUID.randomUUID();
        String email = "late-" + member + "@x.example";
        TestEvents.memberRegistered(member, "Late Contact", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        TestDb.awaitAtLeast(pool, "select count(*) from notification where kind = 'welcome' and member_id = $1", member, 1);
        // the contact's event comes a moment later, as it does from another topic in a bulk sync
        Thread.sleep(600);
        TestEvents.contactAdded(member, UUID.randomUUID(), "Lena Late", email, "en", "PRIMARY", false);

        MailServer.forTests().await(m -> m.to().contains(email), 1, WAIT);
        TestDb.awaitAtLeast(pool, "select count(*) from notification where kind = 'welcome' and member_id = $1 "
                + "and status = 'SENT'", member, 1);
        assertEquals(1, pool.preparedQuery("select attempts from notification where kind = 'welcome' and member_id = $1")
                .execute(Tuple.of(member)).await().atMost(WAIT).iterator().next().getInteger(0),
                "sent on its first attempt: it was not tried before the contact was known");
    }

    @Test
    void anEmailThatNeverGoesEndsDeadIsListedAndCanBeRetried() throws Exception {
        UUID member = UUID.randomUUID();
        try (KafkaProbe deliveries = KafkaProbe.reading(NotificationsTestServers.kafka(), DeliveryEvents.TOPIC)) {
            // a member without any contact: its welcome email has nobody to go to (tried once the test profile's
            // impala.notifications.delivery.await-contact is over)
            TestEvents.memberRegistered(member, "Nobody Home", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
            ConsumerRecord<String, String> dead = deliveries.await(r -> r.value().contains(member.toString())
                    && DeliveryEvents.DEAD.equals(KafkaProbe.header(r, "ce_type")), WAIT);
            assertTrue(EventSchemas.validate("delivery-dead.v1", dead.value()).isEmpty(), dead.value());
            assertTrue(deliveries.seen().stream().anyMatch(r -> r.value().contains(member.toString())
                    && DeliveryEvents.FAILED.equals(KafkaProbe.header(r, "ce_type"))), "failed attempts came first");
        }
        String id = given().auth().oauth2(token("secretariat")).queryParam("status", "DEAD").queryParam("memberId", member)
                .get("/api/v1/notifications/deliveries").then().statusCode(200).body("items.kind", hasItem("welcome"))
                .extract().path("items[0].id");
        given().auth().oauth2(token("secretariat")).get("/api/v1/notifications/deliveries/" + id)
                .then().statusCode(200).body("attemptLog.size()", equalTo(6)).body("status", equalTo("DEAD"));

        TestEvents.contactAdded(member, UUID.randomUUID(), "Finally", "finally-" + member + "@x.example", "en", "PRIMARY", false);
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_contact where member_id = $1", member, 1);
        given().auth().oauth2(token("secretariat")).post("/api/v1/notifications/deliveries/" + id + "/retry")
                .then().statusCode(200);
        MailServer.forTests().await(m -> m.to().contains("finally-" + member), 1, WAIT);
        given().auth().oauth2(token("secretariat")).post("/api/v1/notifications/deliveries/" + id + "/retry")
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(token("fr-admin")).get("/api/v1/notifications/deliveries").then().statusCode(403);
    }

}
