package eu.impala.notifications.inbox;

import static eu.impala.notifications.NotificationsTestServers.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import eu.impala.notifications.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class InboxAndPreferencesTest {

    @Inject
    Pool pool;

    @Test
    void eachUserReadsTheirOwnInboxAndMarksWhatTheyRead() throws Exception {
        UUID member = UUID.randomUUID();
        TestEvents.memberRegistered(member, "Inbox Records " + member, "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        String title = "Inbox Records " + member + " has joined through your association";
        String id = awaitItem("fr-admin", title);

        int before = given().auth().oauth2(token("fr-admin")).get("/api/v1/notifications/inbox/unread-count")
                .then().statusCode(200).extract().path("unread");
        given().auth().oauth2(token("fr-admin")).post("/api/v1/notifications/inbox/" + id + "/read").then().statusCode(204);
        given().auth().oauth2(token("fr-admin")).post("/api/v1/notifications/inbox/" + id + "/read").then().statusCode(204);
        given().auth().oauth2(token("fr-admin")).get("/api/v1/notifications/inbox/unread-count")
                .then().body("unread", equalTo(before - 1));
        given().auth().oauth2(token("fr-admin")).queryParam("unread", true).queryParam("limit", 500)
                .get("/api/v1/notifications/inbox").then().body("items.title", not(hasItem(title)));

        given().auth().oauth2(token("de-admin")).queryParam("limit", 500).get("/api/v1/notifications/inbox")
                .then().statusCode(200).body("items.title", not(hasItem(title)));
        given().auth().oauth2(token("de-admin")).post("/api/v1/notifications/inbox/" + id + "/read")
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/notifications/inbox").then().statusCode(401);
        given().auth().oauth2(token("fr-admin")).queryParam("cursor", "forged").get("/api/v1/notifications/inbox")
                .then().statusCode(400);
    }

    @Test
    void preferencesAreReadAndChangedWithTheirVersionByWhoMayActForTheContact() throws Exception {
        UUID member = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        TestEvents.memberRegistered(member, "Prefs Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        TestEvents.contactAdded(member, contact, "Pia", "pia-" + member + "@x.example", "it", "PRIMARY", true);
        awaitContact(contact);
        String path = "/api/v1/notifications/preferences/" + contact;

        given().auth().oauth2(token("fr-admin")).get(path).then().statusCode(200).header("ETag", "\"0\"")
                .body("digest", equalTo("IMMEDIATE")).body("channels.CAMPAIGNS", hasItem("EMAIL"));
        given().auth().oauth2(token("fr-admin")).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"channels\":{\"CAMPAIGNS\":[\"IN_APP\"]},\"digest\":\"WEEKLY\"}").put(path)
                .then().statusCode(200).header("ETag", "\"1\"").body("digest", equalTo("WEEKLY"))
                .body("channels.CAMPAIGNS", not(hasItem("EMAIL"))).body("channels.MEMBERSHIP", hasItem("EMAIL"));
        given().auth().oauth2(token("fr-admin")).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"channels\":{},\"digest\":\"DAILY\"}").put(path).then().statusCode(412);
        given().auth().oauth2(token("fr-admin")).contentType(ContentType.JSON)
                .body("{\"channels\":{},\"digest\":\"DAILY\"}").put(path).then().statusCode(428);
        given().auth().oauth2(token("fr-admin")).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"channels\":{\"CAMPAIGNS\":[\"PIGEON\"]},\"digest\":\"HOURLY\"}").put(path)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token("de-admin")).get(path).then().statusCode(404);
        given().auth().oauth2(token("label-admin")).get(path).then().statusCode(404);
        given().auth().oauth2(token("fr-admin")).get("/api/v1/notifications/preferences/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void aChangeBasedOnNoPreferencesYetNeverOverwritesOnesWrittenMeanwhile() throws Exception {
        UUID member = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        TestEvents.memberRegistered(member, "Race Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        TestEvents.contactAdded(member, contact, "Rae", "rae-" + member + "@x.example", "fr", "PRIMARY", true);
        awaitContact(contact);
        String path = "/api/v1/notifications/preferences/" + contact;
        String token = token("fr-admin");

        // what a one-click unsubscribe writes for a contact without preferences, not yet committed: the PUT below
        // reads no row, so it bases its change on version 0 and must wait for this one at its write
        SqlConnection other = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            Transaction tx = other.begin().await().atMost(Duration.ofSeconds(10));
            other.preparedQuery("insert into preference (contact_id, channels, digest, version, updated_at) values "
                            + "($1, '{\"MEMBERSHIP\": [\"EMAIL\", \"IN_APP\"], \"CAMPAIGNS\": [\"IN_APP\"], "
                            + "\"NEWSLETTERS\": [\"EMAIL\", \"IN_APP\"]}'::jsonb, 'IMMEDIATE', 1, now())")
                    .execute(Tuple.of(contact)).await().atMost(Duration.ofSeconds(10));
            CompletableFuture<Integer> put = CompletableFuture.supplyAsync(() -> given().auth().oauth2(token)
                    .contentType(ContentType.JSON).header("If-Match", "\"0\"")
                    .body("{\"channels\":{\"CAMPAIGNS\":[\"EMAIL\",\"IN_APP\"]},\"digest\":\"DAILY\"}")
                    .put(path).then().extract().statusCode());
            awaitWaitingWrite();
            tx.commit().await().atMost(Duration.ofSeconds(10));
            assertEquals(412, put.get(30, TimeUnit.SECONDS), "a change based on version 0 once version 1 exists");
        } finally {
            other.close().await().atMost(Duration.ofSeconds(10));
        }
        given().auth().oauth2(token).get(path).then().statusCode(200).header("ETag", "\"1\"")
                .body("digest", equalTo("IMMEDIATE")).body("channels.CAMPAIGNS", not(hasItem("EMAIL")));
    }

    /** Until a preference write of another session waits for a lock: the PUT has read and is about to write. */
    private void awaitWaitingWrite() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            long n = pool.query("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                            + "and query like 'insert into preference%'")
                    .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
            if (n > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the PUT never reached its write");
    }

    private void awaitContact(UUID contact) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            // the member (who represents it) comes through another consumer group than the contact: wait for both
            long n = pool.preparedQuery("select count(*) from recipient_contact c join recipient_member m "
                            + "using (member_id) where c.contact_id = $1")
                    .execute(Tuple.of(contact)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
            if (n == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("contact " + contact + " never reached the directory");
    }

    private static String awaitItem(String user, String title) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            String id = given().auth().oauth2(token(user)).queryParam("limit", 500).get("/api/v1/notifications/inbox")
                    .then().statusCode(200).extract().path("items.find { it.title == '" + title + "' }.id");
            if (id != null) {
                return id;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(title + " never reached the inbox of " + user);
    }
}
