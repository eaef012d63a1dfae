package eu.impala.membership.association;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.local.KeycloakTokens;
import eu.impala.membership.MembershipTestServers;
import eu.impala.membership.TestMembers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * National associations are members: only an ACTIVE one syncs, has a feed or represents members, and its staff and
 * systems read its profile and summary, never another's.
 */
@QuarkusTest
class AssociationApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();

    @BeforeEach
    void demoAssociationsAreRegistered() {
        TestMembers.demoAssociations();
    }

    private static String secretariat() {
        return TOKENS.demoUser("secretariat");
    }

    private static Response sync(String token, String association, String externalId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"records\":[{\"externalId\":\"" + externalId + "\",\"kind\":\"COMPANY\",\"legalName\":\""
                        + externalId + " SARL\",\"displayName\":\"" + externalId + "\",\"country\":\"FR\"}]}")
                .post("/api/v1/associations/" + association + "/sync");
    }

    private static Response registerAs(String token, String id, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-None-Match", "*").body(body)
                .put("/api/v1/members/" + id);
    }

    private static String associationBody(String name) {
        return "{\"kind\":\"NATIONAL_ASSOCIATION\",\"legalName\":\"" + name + "\",\"displayName\":\"" + name + "\","
                + "\"country\":\"IT\",\"category\":\"DIRECT\"}";
    }

    @Test
    void syncingIntoOrReadingTheFeedOfAnIdThatIsNoActiveNationalAssociationIsA404NamingIt() {
        String unknown = UUID.randomUUID().toString();
        sync(secretariat(), unknown, "x-1").then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString(unknown));
        given().auth().oauth2(secretariat()).get("/api/v1/associations/" + unknown + "/changes").then().statusCode(404)
                .contentType(PROBLEM).body("detail", containsString(unknown));
        // registered but not admitted yet: not ACTIVE, so not yet an association that syncs
        String applicant = UUID.randomUUID().toString();
        registerAs(secretariat(), applicant, associationBody("Applicant Association")).then().statusCode(201)
                .body("status", is("APPLICANT"));
        sync(secretariat(), applicant, "x-2").then().statusCode(404).contentType(PROBLEM);
        // who may is settled first: another association's token learns nothing about the id
        sync(TOKENS.demoUser("fr-admin"), unknown, "x-3").then().statusCode(403).contentType(PROBLEM);
        sync(TOKENS.clientCredentials("sync-fr", "sync-fr-dev-secret"), TestMembers.DE, "x-4").then().statusCode(403);
    }

    @Test
    void representedByMayOnlyNameAnActiveNationalAssociation() {
        String unknown = UUID.randomUUID().toString();
        TestMembers.register(secretariat(), TestMembers.body("Nowhere", "FR", unknown)).then().statusCode(422)
                .contentType(PROBLEM).body("errors[0].field", is("representedBy"))
                .body("errors[0].message", containsString(unknown));
        String company = TestMembers.register(secretariat(), TestMembers.body("Not An Association", "FR", null))
                .then().statusCode(201).extract().path("id");
        TestMembers.register(secretariat(), TestMembers.body("Under A Company", "FR", company)).then().statusCode(422)
                .contentType(PROBLEM).body("errors[0].field", is("representedBy"));
        // a move too: only to an association that can take the member
        String member = TestMembers.register(secretariat(), TestMembers.body("Staying Put", "FR", TestMembers.FR))
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(secretariat()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(TestMembers.body("Staying Put", "FR", unknown)).put("/api/v1/members/" + member)
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].field", is("representedBy"));
        given().auth().oauth2(secretariat()).get("/api/v1/members/" + member).then().statusCode(200)
                .body("representedBy", is(TestMembers.FR)).body("version", is(1));
        // a national association is represented by no one: under another, it would be the other's to edit and lapse
        TestMembers.register(secretariat(), "{\"kind\":\"NATIONAL_ASSOCIATION\",\"legalName\":\"Nested\","
                        + "\"displayName\":\"Nested\",\"country\":\"IT\",\"category\":\"REPRESENTED\","
                        + "\"representedBy\":\"" + TestMembers.FR + "\"}")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].field", is("representedBy"))
                .body("errors[0].message", containsString("represented by no one"));
    }

    @Test
    void theSecretariatAloneRegistersAMemberUnderAnIdItChoosesAndOnlyOnce() {
        String id = UUID.randomUUID().toString();
        registerAs(TOKENS.demoUser("fr-admin"), id, TestMembers.body("Chosen", "FR", TestMembers.FR)).then()
                .statusCode(403).contentType(PROBLEM);
        registerAs(secretariat(), id, associationBody("Chosen Association")).then().statusCode(201)
                .header("Location", containsString("/api/v1/members/" + id)).header("ETag", is("\"1\""))
                .body("id", is(id)).body("kind", is("NATIONAL_ASSOCIATION"));
        registerAs(secretariat(), id, associationBody("Chosen Again")).then().statusCode(412).contentType(PROBLEM);
        given().auth().oauth2(secretariat()).get("/api/v1/members/" + id).then().body("legalName", is("Chosen Association"));
        // two registrations of one id at once: one is created, the other told it exists, never a 500
        String raced = UUID.randomUUID().toString();
        String token = secretariat();
        List<CompletableFuture<Integer>> racers = Stream.of("Racer A", "Racer B")
                .map(name -> CompletableFuture.supplyAsync(() -> registerAs(token, raced, associationBody(name))
                        .statusCode())).toList();
        assertEquals(List.of(201, 412), racers.stream().map(CompletableFuture::join).sorted().toList());
        given().auth().oauth2(secretariat()).contentType(ContentType.JSON).header("If-None-Match", "\"1\"")
                .body(associationBody("Wrong Header")).put("/api/v1/members/" + UUID.randomUUID())
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("If-None-Match"));
    }

    @Test
    void theSummaryCountsMembersByStatusListsTheLastRunsNewestFirstAndGivesTheFeedsLatestPosition() {
        String association = TestMembers.newAssociation().toString();
        String firstRun = sync(secretariat(), association, "s-1").then().statusCode(200).extract().path("runId");
        String secondRun = sync(secretariat(), association, "s-2").then().statusCode(200).extract().path("runId");
        Response summary = given().auth().oauth2(secretariat()).get("/api/v1/associations/" + association + "/summary");
        summary.then().statusCode(200).body("associationId", is(association))
                .body("membersByStatus.ACTIVE", is(2)).body("membersByStatus.APPLICANT", is(0))
                .body("membersByStatus.TERMINATED", is(0))
                .body("lastRuns.runId", is(List.of(secondRun, firstRun)))
                .body("lastRuns[0].summary.created", is(1))
                .body("lastRuns[0].href", is("/api/v1/associations/" + association + "/sync/runs/" + secondRun));
        // the feed's position is the latest: nothing comes after it until the next change
        String cursor = summary.path("feed.cursor");
        given().auth().oauth2(secretariat()).queryParam("cursor", cursor)
                .get("/api/v1/associations/" + association + "/changes").then().statusCode(200).body("items.size()", is(0));
        sync(secretariat(), association, "s-3").then().statusCode(200);
        given().auth().oauth2(secretariat()).queryParam("cursor", cursor)
                .get("/api/v1/associations/" + association + "/changes").then().statusCode(200)
                .body("items.size()", is(1)).body("items[0].change", is("created"));
    }

    @Test
    void anAssociationReadsItsOwnProfileAndSummaryAndNotAnothers() {
        String fr = TOKENS.demoUser("fr-admin");
        String syncFr = TOKENS.clientCredentials("sync-fr", "sync-fr-dev-secret");
        for (String token : List.of(fr, syncFr)) {
            given().auth().oauth2(token).get("/api/v1/associations/" + TestMembers.FR).then().statusCode(200)
                    .header("ETag", is(org.hamcrest.Matchers.notNullValue()))
                    .body("id", is(TestMembers.FR)).body("kind", is("NATIONAL_ASSOCIATION"));
            given().auth().oauth2(token).get("/api/v1/associations/" + TestMembers.FR + "/summary").then()
                    .statusCode(200).body("associationId", is(TestMembers.FR));
            given().auth().oauth2(token).get("/api/v1/associations/" + TestMembers.DE).then().statusCode(403)
                    .contentType(PROBLEM);
            given().auth().oauth2(token).get("/api/v1/associations/" + TestMembers.DE + "/summary").then()
                    .statusCode(403).contentType(PROBLEM);
        }
        given().auth().oauth2(TOKENS.demoUser("label-admin")).get("/api/v1/associations/" + TestMembers.FR)
                .then().statusCode(403).contentType(PROBLEM);
        given().get("/api/v1/associations/" + TestMembers.FR + "/summary").then().statusCode(401);
        // the secretariat reads any association; an id that names none is a 404 naming it, a member of another kind too
        given().auth().oauth2(secretariat()).get("/api/v1/associations/" + TestMembers.DE + "/summary").then()
                .statusCode(200).body("associationId", is(TestMembers.DE));
        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(secretariat()).get("/api/v1/associations/" + unknown).then().statusCode(404)
                .contentType(PROBLEM).body("detail", containsString(unknown));
        String company = TestMembers.register(secretariat(), TestMembers.body("Only A Company", "FR", null))
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(secretariat()).get("/api/v1/associations/" + company + "/summary").then().statusCode(404);
        assertEquals(403, given().auth().oauth2(fr).get("/api/v1/associations/" + unknown + "/summary").statusCode(),
                "another id is another association's business, known or not");
    }
}
