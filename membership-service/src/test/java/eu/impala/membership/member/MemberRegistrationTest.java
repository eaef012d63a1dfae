package eu.impala.membership.member;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.local.KafkaProbe;
import eu.impala.local.KeycloakTokens;
import eu.impala.local.EventSchemas;
import eu.impala.membership.MembershipTestServers;
import eu.impala.membership.TestMembers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class MemberRegistrationTest {

    @BeforeEach
    void demoAssociationsAreRegistered() {
        // the demo users' tokens name FR and DE: they act for associations that exist
        TestMembers.demoAssociations();
    }

    static final String FR = TestMembers.FR;
    static final String DE = TestMembers.DE;
    private static final String PROBLEM = "application/problem+json";
    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();

    @Test
    void theSecretariatRegistersAMemberAndItsEventIsPublished() throws Exception {
        try (KafkaProbe probe = KafkaProbe.reading(MembershipTestServers.kafka(), MemberEvents.TOPIC)) {
            Response created = TestMembers.register(TOKENS.demoUser("secretariat"), TestMembers.body("Beggars", "GB", null));
            created.then().statusCode(201)
                    .header("Location", containsString("/api/v1/members/"))
                    .header("ETag", is("\"1\""))
                    .body("status", is("APPLICANT"))
                    .body("category", is("DIRECT"));
            String id = created.path("id");

            ConsumerRecord<String, String> event = probe.await(r -> id.equals(r.key()), Duration.ofSeconds(30));
            assertEquals(MemberEvents.REGISTERED, KafkaProbe.header(event, "ce_type"));
            assertEquals("/membership-service", KafkaProbe.header(event, "ce_source"));
            assertEquals(id, KafkaProbe.header(event, "ce_subject"));
            assertEquals("application/json", KafkaProbe.header(event, "content-type"));
            UUID.fromString(KafkaProbe.header(event, "ce_id"));
            assertTrue(EventSchemas.validate("member-registered.v1", event.value()).isEmpty(),
                    () -> "schema violations: " + event.value());
        }
    }

    @Test
    void anAssociationRegistersOnlyMembersItRepresents() {
        String fr = TOKENS.demoUser("fr-admin");
        TestMembers.register(fr, TestMembers.body("Because Music", "FR", FR)).then().statusCode(201)
                .body("representedBy", is(FR)).body("category", is("REPRESENTED"));
        TestMembers.register(fr, TestMembers.body("Kompakt", "DE", DE)).then().statusCode(403).contentType(PROBLEM);
        TestMembers.register(fr, TestMembers.body("Unbound", "FR", null)).then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void withoutATokenItIs401AndAMemberAdminIs403() {
        given().contentType(ContentType.JSON).body(TestMembers.body("X", "FR", null)).post("/api/v1/members")
                .then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2("not.a.token").contentType(ContentType.JSON).body(TestMembers.body("X", "FR", null)).post("/api/v1/members")
                .then().statusCode(401);
        TestMembers.register(TOKENS.demoUser("label-admin"), TestMembers.body("X", "FR", null)).then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void badInputIsA400NamingTheFields() {
        String token = TOKENS.demoUser("secretariat");
        TestMembers.register(token, "{\"kind\":\"COMPANY\",\"legalName\":\"\",\"displayName\":\"X\",\"country\":\"France\"}")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("legalName")).body("errors.field", hasItem("country"));
        TestMembers.register(token, "{\"kind\":\"LABEL\",\"legalName\":\"a\",\"displayName\":\"X\",\"country\":\"FR\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("kind"));
        TestMembers.register(token, "{\"kind\":\"COMPANY\",").then().statusCode(400).contentType(PROBLEM);
        TestMembers.register(token, "{\"kind\":\"COMPANY\",\"legalName\":\"" + "x".repeat(201) + "\",\"displayName\":\"X\",\"country\":\"FR\",\"headcount\":\"many\"}")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(token).contentType("text/plain").body("hello").post("/api/v1/members")
                .then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void aReplayWithTheSameIdempotencyKeyReturnsTheFirstMember() {
        String token = TOKENS.demoUser("secretariat");
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(TestMembers.body("Domino", "GB", null)).post("/api/v1/members").then().statusCode(201).extract().path("id");
        String second = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(TestMembers.body("Domino", "GB", null)).post("/api/v1/members").then().statusCode(201).extract().path("id");
        assertEquals(first, second);
    }

    @Test
    void membersOfOtherTenantsAreNotFound() {
        String id = TestMembers.register(TOKENS.demoUser("de-admin"), TestMembers.body("Kompakt", "DE", DE)).then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(TOKENS.demoUser("de-admin")).get("/api/v1/members/" + id).then().statusCode(200)
                .header("ETag", notNullValue());
        given().auth().oauth2(TOKENS.demoUser("fr-admin")).get("/api/v1/members/" + id).then().statusCode(404)
                .contentType(PROBLEM);
        given().auth().oauth2(TOKENS.demoUser("label-admin")).get("/api/v1/members/" + id).then().statusCode(404);
        given().auth().oauth2(TOKENS.clientCredentials("sync-fr", "sync-fr-dev-secret")).get("/api/v1/members/" + id)
                .then().statusCode(404);
        given().auth().oauth2(TOKENS.demoUser("secretariat")).get("/api/v1/members/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(TOKENS.demoUser("secretariat")).get("/api/v1/members/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM);
    }
}
