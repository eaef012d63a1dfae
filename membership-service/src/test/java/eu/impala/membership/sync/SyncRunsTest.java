package eu.impala.membership.sync;

import static eu.impala.membership.sync.SyncTest.DE;
import static eu.impala.membership.sync.SyncTest.FR;
import static eu.impala.membership.sync.SyncTest.batch;
import static eu.impala.membership.sync.SyncTest.record;
import static eu.impala.membership.sync.SyncTest.sync;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import eu.impala.local.KeycloakTokens;
import eu.impala.membership.MembershipTestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** An association's list of kept sync runs: the latest first, applied runs only, its own association only. */
@QuarkusTest
class SyncRunsTest {

    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();
    private static final String PROBLEM = "application/problem+json";

    @Test
    void theLatestAppliedRunComesFirstWithItsSummaryAndADryRunIsNotListed() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String token = TOKENS.demoUser("fr-admin");
        String first = sync(token, FR, "", batch(record("RUNS-A-" + tag, "Runs A " + tag, "FR")))
                .then().statusCode(200).extract().path("runId");
        String second = sync(token, FR, "", batch(record("RUNS-B-" + tag, "Runs B " + tag, "FR"),
                record("RUNS-C-" + tag, "Runs C " + tag, "XX"))).then().statusCode(200).extract().path("runId");
        sync(token, FR, "?dryRun=true", batch(record("RUNS-D-" + tag, "Runs D " + tag, "FR"))).then().statusCode(200);

        Response page = given().auth().oauth2(token).queryParam("limit", 1).get("/api/v1/associations/" + FR + "/sync/runs");
        page.then().statusCode(200)
                .body("items[0].runId", is(second)).body("items[0].actor", is("fr-admin"))
                .body("items[0].mode", is("upsert")).body("items[0].summary.created", is(1))
                .body("items[0].summary.rejected", is(1))
                .body("next", notNullValue());
        given().auth().oauth2(token).queryParam("limit", 1).queryParam("cursor", page.path("next").toString())
                .get("/api/v1/associations/" + FR + "/sync/runs")
                .then().statusCode(200).body("items[0].runId", is(first)).body("items.runId", not(hasItem(second)));
    }

    @Test
    void anotherAssociationsRunsAreForbiddenAndABadCursorIsAProblem() {
        given().auth().oauth2(TOKENS.demoUser("de-admin")).get("/api/v1/associations/" + FR + "/sync/runs")
                .then().statusCode(403).contentType(PROBLEM);
        given().get("/api/v1/associations/" + DE + "/sync/runs").then().statusCode(401);
        Response bad = given().auth().oauth2(TOKENS.demoUser("de-admin")).queryParam("cursor", "not-a-cursor")
                .get("/api/v1/associations/" + DE + "/sync/runs");
        assertEquals(400, bad.statusCode(), bad.asString());
        assertEquals(PROBLEM, bad.contentType().split(";")[0]);
        given().auth().oauth2(TOKENS.demoUser("de-admin")).queryParam("limit", 0)
                .get("/api/v1/associations/" + DE + "/sync/runs").then().statusCode(400).contentType(PROBLEM);
    }
}
