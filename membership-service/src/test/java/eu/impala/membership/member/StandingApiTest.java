package eu.impala.membership.member;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.local.KeycloakTokens;
import eu.impala.membership.MembershipTestServers;
import eu.impala.membership.TestMembers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Through the API: what decides a member's standing is the secretariat's; an association gets a 403 problem. */
@QuarkusTest
class StandingApiTest {

    @BeforeEach
    void demoAssociationsAreRegistered() {
        // the demo users' tokens name FR and DE: they act for associations that exist
        TestMembers.demoAssociations();
    }

    static final String FR = TestMembers.FR;
    static final String DE = TestMembers.DE;
    private static final String PROBLEM = "application/problem+json";
    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();

    @Inject
    Pool pool;

    static String body(String kind, String category, String representedBy) {
        return "{\"kind\":\"" + kind + "\",\"legalName\":\"Standing Ltd\",\"displayName\":\"Standing\",\"country\":\"FR\""
                + (category == null ? "" : ",\"category\":\"" + category + "\"")
                + ",\"representedBy\":\"" + representedBy + "\"}";
    }

    static Response replace(String token, String id, String body) {
        String etag = given().auth().oauth2(TOKENS.demoUser("secretariat")).get("/api/v1/members/" + id).then()
                .statusCode(200).extract().header("ETag");
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag).body(body)
                .put("/api/v1/members/" + id);
    }

    @Test
    void anAssociationCannotRegisterANationalAssociationOrADirectMember() {
        String fr = TOKENS.demoUser("fr-admin");
        TestMembers.register(fr, body("NATIONAL_ASSOCIATION", null, FR)).then().statusCode(403).contentType(PROBLEM)
                .body("errors.field", is(java.util.List.of("kind")));
        TestMembers.register(fr, body("COMPANY", "DIRECT", FR)).then().statusCode(403).contentType(PROBLEM)
                .body("errors.field", is(java.util.List.of("category")));
    }

    @Test
    void anAssociationCannotMoveItsMemberElsewhereNorMakeItDirectButTheSecretariatCan() {
        String fr = TOKENS.demoUser("fr-admin");
        String id = TestMembers.register(fr, body("COMPANY", null, FR)).then().statusCode(201).extract().path("id");
        replace(fr, id, body("COMPANY", null, DE)).then().statusCode(403).contentType(PROBLEM)
                .body("errors.field", hasItem("representedBy"));
        replace(fr, id, body("COMPANY", "DIRECT", FR)).then().statusCode(403).contentType(PROBLEM)
                .body("errors.field", hasItem("category"));
        replace(fr, id, body("NATIONAL_ASSOCIATION", null, FR)).then().statusCode(403).contentType(PROBLEM)
                .body("errors.field", hasItem("kind"));
        // its own members' ordinary fields stay its to change
        replace(fr, id, body("ARTIST", null, FR)).then().statusCode(200).body("kind", is("ARTIST"));
        String secretariat = TOKENS.demoUser("secretariat");
        replace(secretariat, id, body("ARTIST", "DIRECT", DE)).then().statusCode(200)
                .body("representedBy", is(DE)).body("category", is("DIRECT"));
        // even the secretariat does not put a national association under another association
        replace(secretariat, id, body("NATIONAL_ASSOCIATION", "DIRECT", DE)).then().statusCode(422)
                .contentType(PROBLEM).body("errors[0].field", is("representedBy"));
    }

    @Test
    void anAssociationCannotChangeItsOwnRecordNorItsContactsNorAnyStatus() {
        // the association's own record, as the secretariat keeps it (its id is the association's)
        pool.preparedQuery("insert into member (id, kind, legal_name, display_name, country, category, status, "
                        + "created_at, updated_at, version) values ($1, 'NATIONAL_ASSOCIATION', 'FR Association', "
                        + "'FR Association', 'FR', 'DIRECT', 'ACTIVE', now(), now(), 1) on conflict (id) do nothing")
                .execute(Tuple.of(UUID.fromString(FR))).await().atMost(Duration.ofSeconds(30));
        String fr = TOKENS.demoUser("fr-admin");
        given().auth().oauth2(fr).get("/api/v1/members/" + FR).then().statusCode(200);
        replace(fr, FR, body("NATIONAL_ASSOCIATION", "DIRECT", FR)).then().statusCode(403).contentType(PROBLEM)
                .body("errors.field", is(java.util.List.of("representedBy")));
        given().auth().oauth2(fr).contentType(ContentType.JSON)
                .body("{\"name\":\"Someone\",\"email\":\"someone@fr-association.example\",\"role\":\"OTHER\",\"language\":\"fr\"}")
                .post("/api/v1/members/" + FR + "/contacts").then().statusCode(403).contentType(PROBLEM);
        String own = TestMembers.register(fr, body("COMPANY", null, FR)).then().statusCode(201).extract().path("id");
        given().auth().oauth2(fr).contentType(ContentType.JSON).body("{\"status\":\"ACTIVE\",\"reason\":\"paid\"}")
                .post("/api/v1/members/" + own + "/status").then().statusCode(403).contentType(PROBLEM);
    }
}
