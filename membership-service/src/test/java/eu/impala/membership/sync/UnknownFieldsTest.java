package eu.impala.membership.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.local.KeycloakTokens;
import eu.impala.membership.MembershipTestServers;
import eu.impala.membership.TestMembers;
import io.quarkus.test.junit.QuarkusTest;

/** A field the API does not know is bad input, named in a 400 problem: a typo must not be dropped silently. */
@QuarkusTest
class UnknownFieldsTest {

    @BeforeEach
    void demoAssociationsAreRegistered() {
        // the demo users' tokens name FR and DE: they act for associations that exist
        TestMembers.demoAssociations();
    }

    private static final String PROBLEM = "application/problem+json";
    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();

    @Test
    void aMemberWithAFieldTheApiDoesNotKnowIsA400ProblemNamingIt() {
        String body = TestMembers.body("Typo " + UUID.randomUUID(), "FR", null).replaceFirst("\\{", "{\"represntedBy\":\"x\",");
        TestMembers.register(TOKENS.demoUser("secretariat"), body).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("represntedBy")).body("errors[0].message", startsWith("unknown field"));
    }

    @Test
    void aSyncRecordWithAFieldTheApiDoesNotKnowIsRejectedNamingItAndTheOthersAreSynced() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String typo = SyncTest.record(tag + "-typo", "Typo", "FR").replaceFirst("\\{", "{\"dispalyName\":\"Typo\",");
        SyncTest.sync(SyncTest.admin(), SyncTest.FR, "", SyncTest.batch(typo, SyncTest.record(tag + "-ok", "Fine", "FR")))
                .then().statusCode(200)
                .body("results[0].result", is("rejected")).body("results[0].errors[0].field", is("records[0].dispalyName"))
                .body("results[0].errors[0].message", is("unknown field"))
                .body("results[1].result", is("created"));
    }

    @Test
    void aDryRunAskedForInTheBodyIsA400ProblemNotARealRun() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"dryRun\":true,\"records\":[" + SyncTest.record(tag, "Not run " + tag, "FR") + "]}";
        SyncTest.sync(SyncTest.admin(), SyncTest.FR, "", body).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("dryRun"));
        given().auth().oauth2(SyncTest.admin()).queryParam("q", tag).queryParam("association", SyncTest.FR)
                .get("/api/v1/members").then().statusCode(200).body("items.size()", is(0));
    }
}
