package eu.impala.notifications.recipient;

import static eu.impala.notifications.NotificationsTestServers.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import eu.impala.notifications.TestDb;
import eu.impala.notifications.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * membership's member.merged, sent to the real topic: the duplicate's contacts and signatures become the survivor's,
 * one signatory row per campaign, and the duplicate is addressed no more.
 */
@QuarkusTest
class MergedMembersTest {

    @Inject
    Pool pool;

    @Test
    void theDuplicatesPeopleAndSignaturesBecomeTheSurvivors() {
        UUID survivor = UUID.randomUUID();
        UUID duplicate = UUID.randomUUID();
        TestEvents.memberRegistered(survivor, "Lumen", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        TestEvents.memberRegistered(duplicate, "LUMEN", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        UUID contact = UUID.randomUUID();
        TestEvents.contactAdded(duplicate, contact, "Owner", "owner-" + contact + "@lumen.example", "fr", "PRIMARY", true);
        UUID both = UUID.randomUUID();
        UUID duplicateOnly = UUID.randomUUID();
        TestEvents.signatureAdded(both, "both-" + both, survivor, "fr-admin");
        TestEvents.signatureAdded(both, "both-" + both, duplicate, "fr-admin");
        TestEvents.signatureAdded(duplicateOnly, "dup-" + duplicateOnly, duplicate, "fr-admin");
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_contact where contact_id = $1", contact, 1);
        TestDb.awaitAtLeast(pool, "select count(*) from campaign_signatory where member_id = $1", duplicate, 2);
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_member where member_id = $1 and status = 'ACTIVE'",
                duplicate, 1);

        TestEvents.send("membership.members.v1", "/membership-service", MergedMembers.TYPE, duplicate,
                "{\"memberId\":\"" + duplicate + "\",\"duplicateId\":\"" + duplicate + "\",\"survivorId\":\"" + survivor
                        + "\"}");
        // applied in one transaction: the duplicate's status says the rest is done
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_member where member_id = $1 and status = 'MERGED'",
                duplicate, 1);

        assertEquals(survivor, pool.preparedQuery("select member_id from recipient_contact where contact_id = $1")
                .execute(Tuple.of(contact)).await().indefinitely().iterator().next().getUUID(0));
        assertEquals(0L, TestDb.count(pool, "select count(*) from campaign_signatory where member_id = $1", duplicate));
        assertEquals(2L, TestDb.count(pool, "select count(*) from campaign_signatory where member_id = $1", survivor));
        assertEquals(1L, TestDb.count(pool, "select count(*) from campaign_signatory where campaign_id = $1", both),
                "the campaign both signed has the member once");
        assertEquals(1L, TestDb.count(pool, "select count(*) from campaign_signatory where campaign_id = $1",
                duplicateOnly));
    }

    @Test
    void anUnsubscribeOnTheDroppedContactStandsOnTheSurvivorsContact() {
        UUID survivor = UUID.randomUUID();
        UUID duplicate = UUID.randomUUID();
        TestEvents.memberRegistered(survivor, "Same", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        TestEvents.memberRegistered(duplicate, "SAME", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        UUID kept = UUID.randomUUID();
        UUID dropped = UUID.randomUUID();
        TestEvents.contactAdded(survivor, kept, "Sam", "sam-" + kept + "@same.example", "fr", "PRIMARY", true);
        TestEvents.contactAdded(duplicate, dropped, "Sam", "SAM-" + kept + "@Same.example", "fr", "PRIMARY", true);
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_contact where contact_id = $1", kept, 1);
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_contact where contact_id = $1", dropped, 1);
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_member where member_id = $1 and status = 'ACTIVE'",
                duplicate, 1);
        // the person unsubscribed from the newsletters' emails on the duplicate's record; the survivor's has no row
        given().auth().oauth2(token("secretariat")).contentType("application/json").header("If-Match", "\"0\"")
                .body("{\"channels\":{\"NEWSLETTERS\":[\"IN_APP\"]},\"digest\":\"DAILY\"}")
                .put("/api/v1/notifications/preferences/" + dropped).then().statusCode(200);

        TestEvents.send("membership.members.v1", "/membership-service", MergedMembers.TYPE, duplicate,
                "{\"memberId\":\"" + duplicate + "\",\"duplicateId\":\"" + duplicate + "\",\"survivorId\":\"" + survivor
                        + "\"}");
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_member where member_id = $1 and status = 'MERGED'",
                duplicate, 1);

        given().auth().oauth2(token("secretariat")).get("/api/v1/notifications/preferences/" + kept).then()
                .statusCode(200).header("ETag", is("\"1\""))
                .body("channels.NEWSLETTERS", containsInAnyOrder("IN_APP"))
                .body("channels.MEMBERSHIP", containsInAnyOrder("EMAIL", "IN_APP", "WEBHOOK"))
                .body("digest", is("DAILY"));
    }
}
