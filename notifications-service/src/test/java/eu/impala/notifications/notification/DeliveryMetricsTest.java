package eu.impala.notifications.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import eu.impala.local.MetricsScrape;
import eu.impala.notifications.TestDb;
import eu.impala.notifications.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Deliveries on {@code /q/metrics}: every attempt the worker records counts once under its channel and the status it
 * left the notification in, and the dead letters waiting for a retry by hand are a gauge. The delivery log in the
 * database is the truth the counters are held to (other tests' emails may be on their way meanwhile).
 */
@QuarkusTest
class DeliveryMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ATTEMPTS = "impala_notifications_delivery_attempts_total";
    private static final String EMAIL_ATTEMPTS = "select count(*) from delivery_attempt a join notification n "
            + "on n.id = a.notification_id where n.channel = 'EMAIL' and a.outcome = $1";

    @Inject
    Pool pool;

    @Test
    void aSentEmailAndADeadLetterAreCountedAsTheDeliveryLogRecordsThem() {
        MetricsScrape before = scrape();
        long[] logged = {attempts("SENT"), attempts("FAILED"), attempts("DEAD")};
        UUID reached = UUID.randomUUID();
        UUID nobodyHome = UUID.randomUUID();
        TestEvents.memberRegistered(reached, "Metrics Reached", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        TestEvents.contactAdded(reached, UUID.randomUUID(), "Rita", "rita-" + reached + "@x.example", "en", "PRIMARY", false);
        // no contact at all: its welcome has nobody to go to, fails each attempt and ends a dead letter
        TestEvents.memberRegistered(nobodyHome, "Metrics Nobody Home", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        TestDb.awaitAtLeast(pool, "select count(*) from notification where kind = 'welcome' and status = 'SENT' "
                + "and member_id = $1", reached, 1);
        TestDb.awaitAtLeast(pool, "select count(*) from notification where kind = 'welcome' and status = 'DEAD' "
                + "and member_id = $1", nobodyHome, 1);

        DeliveryStatus[] statuses = {DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.DEAD};
        for (int i = 0; i < statuses.length; i++) {
            String status = statuses[i].name();
            long since = logged[i];
            assertTrue(MetricsScrape.await(WAIT, () -> moved(before, scrape(), status) == attempts(status) - since),
                    status + " attempts: " + (attempts(status) - since) + " in the log, " + moved(before, scrape(), status)
                            + " counted" + scrape().describe(ATTEMPTS));
        }
        assertTrue(attempts("SENT") - logged[0] >= 1, "the welcome that reached its contact");
        assertTrue(attempts("FAILED") - logged[1] >= 5, "the dead letter's failed attempts");
        assertTrue(attempts("DEAD") - logged[2] >= 1, "the dead letter's last attempt");
    }

    @Test
    void theDeadLettersWaitingAreAGaugeThatFollowsTheDatabase() {
        UUID nobodyHome = UUID.randomUUID();
        TestEvents.memberRegistered(nobodyHome, "Metrics Gauge Nobody", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        TestDb.awaitAtLeast(pool, "select count(*) from notification where kind = 'welcome' and status = 'DEAD' "
                + "and member_id = $1", nobodyHome, 1);
        assertTrue(MetricsScrape.await(WAIT, () -> scrape().value("impala_notifications_undelivered", "channel", "email",
                        "status", "dead") == deadEmails()),
                "dead emails: " + deadEmails() + " in the database" + scrape().describe("impala_notifications_undelivered"));
        assertTrue(deadEmails() >= 1);
        assertEquals(0, scrape().sum("impala_notifications_undelivered", "channel", "in_app"), "in-app notices are never undelivered");
    }

    private long attempts(String outcome) {
        return TestDb.count(pool, EMAIL_ATTEMPTS, outcome);
    }

    private long deadEmails() {
        return TestDb.count(pool, "select count(*) from notification where channel = $1 and status = 'DEAD'", "EMAIL");
    }

    private static double moved(MetricsScrape before, MetricsScrape after, String status) {
        String tag = status.toLowerCase(Locale.ROOT);
        return after.value(ATTEMPTS, "channel", "email", "status", tag) - before.value(ATTEMPTS, "channel", "email", "status", tag);
    }

    private static MetricsScrape scrape() {
        return MetricsScrape.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }
}
