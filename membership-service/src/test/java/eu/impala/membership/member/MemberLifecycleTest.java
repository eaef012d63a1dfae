package eu.impala.membership.member;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.local.KafkaProbe;
import eu.impala.local.KeycloakTokens;
import eu.impala.local.EventSchemas;
import eu.impala.membership.MembershipTestServers;
import eu.impala.membership.TestMembers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class MemberLifecycleTest {

    @BeforeEach
    void demoAssociationsAreRegistered() {
        // the demo users' tokens name FR and DE: they act for associations that exist
        TestMembers.demoAssociations();
    }

    private static final String PROBLEM = "application/problem+json";
    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();

    @Inject
    RenewalCheck renewalCheck;

    private static String admin() {
        return TOKENS.demoUser("secretariat");
    }

    private static String create(String body) {
        return TestMembers.register(admin(), body).then().statusCode(201).extract().path("id");
    }

    private static Response put(String id, String etag, String body) {
        var request = given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.put("/api/v1/members/" + id);
    }

    private static Response status(String id, String status, String reason) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"status\":\"" + status + "\",\"reason\":\"" + reason + "\"}")
                .post("/api/v1/members/" + id + "/status");
    }

    @Test
    void aReplacementNeedsTheCurrentVersionAndPublishesTheChangedFields() throws Exception {
        String id = create(TestMembers.body("Warp", "GB", null));
        String changed = "{\"kind\":\"COMPANY\",\"legalName\":\"Warp Records Ltd\",\"displayName\":\"Warp\",\"country\":\"GB\","
                + "\"headcount\":12,\"turnoverEur\":3000000}";
        put(id, null, changed).then().statusCode(428).contentType(PROBLEM);
        put(id, "\"7\"", changed).then().statusCode(412).contentType(PROBLEM);
        try (KafkaProbe probe = KafkaProbe.reading(MembershipTestServers.kafka(), MemberEvents.TOPIC)) {
            put(id, "\"1\"", changed).then().statusCode(200).header("ETag", is("\"2\""))
                    .body("legalName", is("Warp Records Ltd")).body("sizeClass", is("SMALL"));
            ConsumerRecord<String, String> event = probe.await(r -> id.equals(r.key())
                    && MemberEvents.UPDATED.equals(KafkaProbe.header(r, "ce_type")), Duration.ofSeconds(30));
            assertTrue(EventSchemas.validate("member-updated.v1", event.value()).isEmpty(), event.value());
            assertTrue(event.value().contains("\"changedFields\":[\"legalName\",\"headcount\",\"turnoverEur\"]"), event.value());
        }
        put(id, "\"1\"", changed).then().statusCode(412);

        given().auth().oauth2(admin()).get("/api/v1/members/" + id + "/history").then().statusCode(200)
                .body("items.action", is(List.of("created", "updated")))
                .body("items[1].actor", is("secretariat"))
                .body("items[1].changes.legalName.before", is("Warp Ltd"))
                .body("items[1].changes.legalName.after", is("Warp Records Ltd"));
    }

    @Test
    void theSameProfileAgainChangesNothing() {
        String body = TestMembers.body("Ninja Tune", "GB", null);
        String id = create(body);
        put(id, "\"1\"", body).then().statusCode(200).header("ETag", is("\"1\""));
        given().auth().oauth2(admin()).get("/api/v1/members/" + id + "/history").then()
                .body("items.action", is(List.of("created")));
    }

    @Test
    void theLifecycleRefusesIllegalMovesNamingTheAllowedOnes() throws Exception {
        String id = create(TestMembers.body("Sub Pop", "US", null));
        status(id, "LAPSED", "test").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("ACTIVE, TERMINATED"));
        try (KafkaProbe probe = KafkaProbe.reading(MembershipTestServers.kafka(), MemberEvents.TOPIC)) {
            status(id, "ACTIVE", "admitted by the board").then().statusCode(200).body("status", is("ACTIVE"))
                    .body("joinedOn", is(LocalDate.now(java.time.ZoneOffset.UTC).toString()));
            ConsumerRecord<String, String> event = probe.await(r -> id.equals(r.key())
                    && MemberEvents.STATUS_CHANGED.equals(KafkaProbe.header(r, "ce_type")), Duration.ofSeconds(30));
            assertTrue(EventSchemas.validate("member-status-changed.v1", event.value()).isEmpty(), event.value());
            assertTrue(event.value().contains("\"reason\":\"admitted by the board\""), event.value());
            assertEquals("/membership-service", KafkaProbe.header(event, "ce_source"));
        }
        status(id, "SUSPENDED", "fees unpaid").then().statusCode(200).body("status", is("SUSPENDED"));
        status(id, "ACTIVE", "fees paid").then().statusCode(200);
        status(id, "TERMINATED", "left IMPALA").then().statusCode(200);
        status(id, "ACTIVE", "no way back").then().statusCode(409).body("detail", containsString("none (final)"));
        given().auth().oauth2(admin()).get("/api/v1/members/" + id + "/history").then()
                .body("items.reason", hasItems("admitted by the board", "fees unpaid", "left IMPALA"));
        given().auth().oauth2(TOKENS.demoUser("fr-admin")).contentType(ContentType.JSON)
                .body("{\"status\":\"ACTIVE\",\"reason\":\"x\"}").post("/api/v1/members/" + id + "/status")
                .then().statusCode(403).contentType(PROBLEM);
        status(id, "PAUSED", "bad").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void anOverdueRenewalLapsesTheMemberAfterTheGracePeriod() throws Throwable {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        String overdue = create("{\"kind\":\"COMPANY\",\"legalName\":\"Late Ltd\",\"displayName\":\"Late\",\"country\":\"IT\","
                + "\"renewalDueOn\":\"" + today.minusDays(31) + "\"}");
        String inGrace = create("{\"kind\":\"COMPANY\",\"legalName\":\"Soon Ltd\",\"displayName\":\"Soon\",\"country\":\"IT\","
                + "\"renewalDueOn\":\"" + today.minusDays(29) + "\"}");
        status(overdue, "ACTIVE", "joined").then().statusCode(200);
        status(inGrace, "ACTIVE", "joined").then().statusCode(200);

        int lapsed = VertxContextSupport.subscribeAndAwait(() -> renewalCheck.lapseOverdue(today));
        assertTrue(lapsed >= 1);
        given().auth().oauth2(admin()).get("/api/v1/members/" + overdue).then().body("status", is("LAPSED"));
        given().auth().oauth2(admin()).get("/api/v1/members/" + inGrace).then().body("status", is("ACTIVE"));
        given().auth().oauth2(admin()).get("/api/v1/members/" + overdue + "/history").then()
                .body("items[-1].actor", is(RenewalCheck.ACTOR))
                .body("items[-1].reason", containsString("grace period"));
        status(overdue, "ACTIVE", "renewed").then().statusCode(200).body("status", is("ACTIVE"));
    }

    @Test
    void listsFilterAndPageWithinTheCallersScope() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String fr = "0a5f0000-0000-4000-8000-000000000001";
        for (int i = 0; i < 5; i++) {
            TestMembers.register(TOKENS.demoUser("fr-admin"),
                    TestMembers.body("Label " + tag + " " + i, "FR", fr)).then().statusCode(201);
        }
        create(TestMembers.body("Label " + tag + " other", "BE", null));

        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(TOKENS.demoUser("fr-admin")).queryParam("q", tag).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/members").then().statusCode(200).extract().response();
            seen.addAll(page.path("items.displayName"));
            cursor = page.path("next");
        } while (cursor != null);
        assertEquals(5, seen.size(), "fr-admin pages through its five members only: " + seen);
        assertEquals(5, new java.util.HashSet<>(seen).size());

        given().auth().oauth2(admin()).queryParam("q", tag).queryParam("country", "BE").get("/api/v1/members")
                .then().statusCode(200).body("items.displayName", is(List.of("Label " + tag + " other")));
        given().auth().oauth2(TOKENS.demoUser("fr-admin")).queryParam("association", "0a5f0000-0000-4000-8000-000000000002")
                .get("/api/v1/members").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(admin()).queryParam("country", "XX").get("/api/v1/members").then().statusCode(400);
        given().auth().oauth2(admin()).queryParam("limit", 0).get("/api/v1/members").then().statusCode(400);
        given().auth().oauth2(admin()).queryParam("cursor", "bogus").get("/api/v1/members").then().statusCode(400);
        given().auth().oauth2(admin()).queryParam("kind", "LABEL").get("/api/v1/members").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", is("kind"));
    }

    @Test
    void anAssociationFilterThatIsNotAUuidIsA400NamingIt() {
        given().auth().oauth2(admin()).queryParam("association", "fr").get("/api/v1/members").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", is("association"))
                .body("errors[0].message", is("must be a UUID"));
    }
}
