package eu.impala.membership.contact;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

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
class ContactApiTest {

    @BeforeEach
    void demoAssociationsAreRegistered() {
        // the demo users' tokens name FR and DE: they act for associations that exist
        TestMembers.demoAssociations();
    }

    private static final String PROBLEM = "application/problem+json";
    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();
    private static final String FR = TestMembers.FR;

    static String contact(String name, String email, String role) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"role\":\"" + role
                + "\",\"language\":\"fr\",\"consents\":{\"campaigns\":true}}";
    }

    static Response add(String token, String member, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/members/" + member + "/contacts");
    }

    @Test
    void contactsAreAddedChangedAndRemovedWithEventsAndHistory() throws Exception {
        String admin = TOKENS.demoUser("secretariat");
        String member = TestMembers.register(TOKENS.demoUser("fr-admin"),
                TestMembers.body("Contact Label", "FR", FR)).then().statusCode(201).extract().path("id");
        try (KafkaProbe probe = KafkaProbe.reading(MembershipTestServers.kafka(), ContactEvents.TOPIC)) {
            Response created = add(admin, member, contact("Anne Martin", "anne@label.fr", "PRIMARY"));
            created.then().statusCode(201).header("ETag", is("\"1\"")).body("consents.campaigns.granted", is(true));
            String id = created.path("id");
            var event = probe.await(r -> member.equals(r.key()) && ContactEvents.ADDED.equals(KafkaProbe.header(r, "ce_type")),
                    Duration.ofSeconds(30));
            assertTrue(EventSchemas.validate("contact-added.v1", event.value()).isEmpty(), event.value());

            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(contact("Anne Martin-Dupont", "anne@label.fr", "PRIMARY")).header("If-Match", "\"1\"")
                    .put("/api/v1/members/" + member + "/contacts/" + id)
                    .then().statusCode(200).header("ETag", is("\"2\"")).body("name", is("Anne Martin-Dupont"));
            given().auth().oauth2(admin).header("If-Match", "\"1\"").delete("/api/v1/members/" + member + "/contacts/" + id)
                    .then().statusCode(412).contentType(PROBLEM);
            given().auth().oauth2(admin).header("If-Match", "\"2\"").delete("/api/v1/members/" + member + "/contacts/" + id)
                    .then().statusCode(204);
            probe.await(r -> member.equals(r.key()) && ContactEvents.REMOVED.equals(KafkaProbe.header(r, "ce_type")),
                    Duration.ofSeconds(30));
        }
        given().auth().oauth2(admin).get("/api/v1/members/" + member + "/history").then()
                .body("items.action", hasItem("contact-added")).body("items.action", hasItem("contact-updated"))
                .body("items.action", hasItem("contact-removed"));
    }

    @Test
    void oneEmailAndOnePrimaryPerMemberAndValidEmailsOnly() {
        String admin = TOKENS.demoUser("secretariat");
        String member = TestMembers.register(admin, TestMembers.body("Rules", "BE", null))
                .then().statusCode(201).extract().path("id");
        add(admin, member, contact("A", "a@rules.be", "PRIMARY")).then().statusCode(201);
        add(admin, member, contact("B", "b@rules.be", "PRIMARY")).then().statusCode(409).contentType(PROBLEM);
        add(admin, member, contact("A again", "A@Rules.be", "PRESS")).then().statusCode(409);
        add(admin, member, contact("C", "not-an-email", "PRESS")).then().statusCode(400).body("errors[0].field", is("email"));
        add(admin, member, "{\"name\":\"D\",\"email\":\"d@rules.be\",\"role\":\"BOSS\",\"language\":\"fr\"}")
                .then().statusCode(400).body("errors[0].field", is("role"));
        add(admin, member, "{\"name\":\"D\",\"email\":\"d@rules.be\",\"role\":\"PRESS\",\"language\":\"xx\"}")
                .then().statusCode(400).body("errors[0].field", is("language"));
        given().auth().oauth2(admin).get("/api/v1/members/" + member + "/contacts").then().statusCode(200)
                .body("email", is(List.of("a@rules.be")));
    }

    @Test
    void contactsOfOtherTenantsAreOutOfReach() {
        String deMember = TestMembers.register(TOKENS.demoUser("de-admin"),
                TestMembers.body("Kontakt", "DE", "0a5f0000-0000-4000-8000-000000000002"))
                .then().statusCode(201).extract().path("id");
        add(TOKENS.demoUser("fr-admin"), deMember, contact("X", "x@x.de", "PRESS")).then().statusCode(404);
        add(TOKENS.demoUser("label-admin"), deMember, contact("X", "x@x.de", "PRESS")).then().statusCode(404);
        given().auth().oauth2(TOKENS.demoUser("fr-admin")).get("/api/v1/members/" + deMember + "/contacts")
                .then().statusCode(404).contentType(PROBLEM);
        add(TOKENS.demoUser("de-admin"), deMember, contact("Y", "y@kontakt.de", "PRIMARY")).then().statusCode(201);
    }
}
