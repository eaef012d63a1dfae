package eu.impala.notifications.webhook;

import static eu.impala.notifications.NotificationsTestServers.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import eu.impala.notifications.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class WebhookTest {

    @Test
    void aReceiverThatFailsTwiceGetsExactlyOneAcceptedDeliveryWithAValidSignature() throws Exception {
        try (Receiver receiver = new Receiver(2)) {
            JsonPath created = subscribe("fr-admin", receiver.url(), "[\"member.registered\"]");
            String secret = created.getString("secret");
            UUID member = UUID.randomUUID();
            TestEvents.memberRegistered(member, "Hooked Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
            TestEvents.statusChanged(member, "ACTIVE", "SUSPENDED"); // not subscribed: never posted

            List<Receiver.Request> accepted = awaitAccepted(receiver, 1);
            Thread.sleep(1500); // a second accepted delivery would show up here
            assertEquals(1, receiver.requests().stream().filter(r -> r.answered() == 200).count());
            assertEquals(3, receiver.requests().size(), "two failures, then the accepted one");
            Receiver.Request ok = accepted.get(0);
            assertEquals("sha256=" + WebhookSender.sign(secret, ok.header("X-Impala-Timestamp"), ok.body()),
                    ok.header("X-Impala-Signature"));
            assertTrue(ok.body().contains(member.toString()) && ok.body().contains("member.registered.v1"), ok.body());
            assertTrue(receiver.requests().stream().allMatch(r -> r.header("X-Impala-Event-Id").equals(ok.header("X-Impala-Event-Id"))));

            given().auth().oauth2(token("fr-admin")).get("/api/v1/notifications/webhooks/" + created.getString("id") + "/deliveries")
                    .then().statusCode(200).body("[0].status", equalTo("SENT")).body("[0].attempts", equalTo(3));
        }
    }

    @Test
    void aReceiverThatNeverSucceedsEndsDeadLettered() throws Exception {
        try (Receiver receiver = new Receiver(Integer.MAX_VALUE)) {
            String id = subscribe("fr-admin", receiver.url(), "[\"*\"]").getString("id");
            TestEvents.memberRegistered(UUID.randomUUID(), "Deaf Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                List<String> dead = given().auth().oauth2(token("fr-admin")).queryParam("status", "DEAD")
                        .get("/api/v1/notifications/webhooks/" + id + "/deliveries").then().statusCode(200)
                        .extract().path("status");
                if (!dead.isEmpty()) {
                    assertEquals(6, receiver.requests().size(), "every attempt reached the receiver, then it stopped");
                    return;
                }
                Thread.sleep(250);
            }
            throw new AssertionError("never dead-lettered after " + receiver.requests().size() + " attempts");
        }
    }

    @Test
    void subscriptionsBelongToTheirAssociationAndTheSecretIsShownOnce() throws Exception {
        try (Receiver receiver = new Receiver(0)) {
            String id = subscribe("fr-admin", receiver.url(), "[\"contact.added\"]").getString("id");
            given().auth().oauth2(token("fr-admin")).get("/api/v1/notifications/webhooks")
                    .then().statusCode(200).body("id", hasItem(id)).body("find { it.id == '" + id + "' }.secret", nullValue());
            given().auth().oauth2(token("de-admin")).get("/api/v1/notifications/webhooks")
                    .then().statusCode(200).body("id", not(hasItem(id)));
            given().auth().oauth2(token("de-admin")).delete("/api/v1/notifications/webhooks/" + id).then().statusCode(404);
            given().auth().oauth2(token("de-admin")).get("/api/v1/notifications/webhooks/" + id + "/deliveries")
                    .then().statusCode(404);
            given().auth().oauth2(token("label-admin")).get("/api/v1/notifications/webhooks").then().statusCode(403);
            given().auth().oauth2(token("fr-admin")).contentType(ContentType.JSON)
                    .body("{\"url\":\"ftp://example.org/x\",\"eventTypes\":[\"member.registered\"]}")
                    .post("/api/v1/notifications/webhooks").then().statusCode(400).body("errors[0].field", equalTo("url"));
            given().auth().oauth2(token("fr-admin")).contentType(ContentType.JSON)
                    .body("{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"campaign.everything\"]}")
                    .post("/api/v1/notifications/webhooks").then().statusCode(400)
                    .body("errors[0].field", startsWith("eventTypes"));
            given().auth().oauth2(token("fr-admin")).contentType(ContentType.JSON).body("{\"url\":\"" + receiver.url() + "\"}")
                    .post("/api/v1/notifications/webhooks").then().statusCode(400);
            given().auth().oauth2(token("fr-admin")).delete("/api/v1/notifications/webhooks/" + id).then().statusCode(204);
        }
    }

    @Test
    void aSubscriptionMayNameTheRenewalReminder() throws Exception {
        try (Receiver receiver = new Receiver(0)) {
            String id = subscribe("fr-admin", receiver.url(), "[\"member.renewal-due\"]").getString("id");
            UUID member = UUID.randomUUID();
            TestEvents.memberRegistered(member, "Due Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
            TestEvents.renewalDue(member, TestEvents.FR, java.time.LocalDate.now().plusDays(30), 30);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (receiver.requests().stream().noneMatch(r -> r.answered() == 200 && r.body().contains(member.toString()))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no renewal reminder posted; requests: " + receiver.requests().size());
                }
                Thread.sleep(100);
            }
            Receiver.Request posted = receiver.requests().stream()
                    .filter(r -> r.answered() == 200 && r.body().contains(member.toString())).findFirst().orElseThrow();
            assertTrue(posted.body().contains("eu.impala.membership.member.renewal-due.v1")
                    && posted.body().contains("\"daysBefore\":30"), posted.body());
            given().auth().oauth2(token("fr-admin")).delete("/api/v1/notifications/webhooks/" + id).then().statusCode(204);
        }
    }

    private static JsonPath subscribe(String user, String url, String types) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body("{\"url\":\"" + url + "\",\"eventTypes\":" + types + "}").post("/api/v1/notifications/webhooks")
                .then().statusCode(201).body("secret", startsWith("whsec_")).extract().jsonPath();
    }

    private static List<Receiver.Request> awaitAccepted(Receiver receiver, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Receiver.Request> ok = receiver.requests().stream().filter(r -> r.answered() == 200).toList();
            if (ok.size() >= count) {
                return ok;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no accepted delivery; requests: " + receiver.requests().size());
    }
}
