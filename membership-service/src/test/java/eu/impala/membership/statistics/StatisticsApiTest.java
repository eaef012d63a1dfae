package eu.impala.membership.statistics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.local.KeycloakTokens;
import eu.impala.membership.MembershipTestServers;
import eu.impala.membership.TestMembers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class StatisticsApiTest {

    @BeforeEach
    void demoAssociationsAreRegistered() {
        // the demo users' tokens name FR and DE: they act for associations that exist
        TestMembers.demoAssociations();
    }

    private static final String PROBLEM = "application/problem+json";
    private static final String FR = TestMembers.FR;
    private static final String DE = TestMembers.DE;
    private static final String COUNTS = "/api/v1/statistics/members";
    private static final String MONTHLY = "/api/v1/statistics/members/monthly";
    private static final String PUBLIC = "/api/v1/statistics/members/public";
    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();

    @Inject
    Pool pool;

    private static String secretariat() {
        return TOKENS.demoUser("secretariat");
    }

    private static JsonPath counts(String user, String association) {
        var request = given().auth().oauth2(TOKENS.demoUser(user));
        if (association != null) {
            request.queryParam("association", association);
        }
        return request.get(COUNTS).then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    private static String member(String country, String association) {
        return TestMembers.register(secretariat(), TestMembers.body("Stat " + UUID.randomUUID(), country, association))
                .then().statusCode(201).extract().path("id");
    }

    private static void status(String id, String status) {
        given().auth().oauth2(secretariat()).contentType(ContentType.JSON)
                .body("{\"status\":\"" + status + "\",\"reason\":\"statistics test\"}")
                .post("/api/v1/members/" + id + "/status").then().statusCode(200);
    }

    @Test
    void anAssociationsCountsGrowByTheMembersItRepresentsAndNoOneElses() {
        JsonPath frBefore = counts("fr-admin", null); // a country without members so far is not listed
        JsonPath deBefore = counts("de-admin", null);
        for (int i = 0; i < 3; i++) {
            member("LU", FR);
        }
        JsonPath frAfter = counts("fr-admin", null);
        assertEquals(frBefore.getInt("total") + 3, frAfter.getInt("total"));
        assertEquals(frBefore.<String, Integer>getMap("byCountry").getOrDefault("LU", 0) + 3, frAfter.getInt("byCountry.LU"));
        assertEquals(frBefore.getInt("byStatus.APPLICANT") + 3, frAfter.getInt("byStatus.APPLICANT"));
        assertEquals(frBefore.getInt("byKind.COMPANY") + 3, frAfter.getInt("byKind.COMPANY"));
        assertEquals(frBefore.getInt("bySizeClass.UNCLASSIFIED") + 3, frAfter.getInt("bySizeClass.UNCLASSIFIED"));
        assertEquals(FR, frAfter.getString("association"));
        assertEquals(deBefore.getInt("total"), counts("de-admin", null).getInt("total"));
    }

    @Test
    void theSecretariatCountsEveryoneOrOneAssociationAndEachBreakdownSumsToTheTotal() {
        JsonPath all = counts("secretariat", null);
        JsonPath fr = counts("secretariat", FR);
        assertEquals(counts("fr-admin", null).getInt("total"), fr.getInt("total"));
        for (String breakdown : List.of("byCountry", "byKind", "bySizeClass", "byCategory", "byStatus")) {
            Map<String, Integer> cells = all.getMap(breakdown);
            assertEquals(all.getInt("total"), cells.values().stream().mapToInt(Integer::intValue).sum(), breakdown);
        }
    }

    @Test
    void anAssociationAskingForAnotherAssociationsCountsIsForbidden() {
        given().auth().oauth2(TOKENS.demoUser("fr-admin")).queryParam("association", DE).get(COUNTS)
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString(DE));
        given().auth().oauth2(TOKENS.demoUser("fr-admin")).queryParam("association", DE).get(MONTHLY)
                .then().statusCode(403).contentType(PROBLEM);
        assertEquals(counts("fr-admin", null).getInt("total"), counts("fr-admin", FR).getInt("total"));
    }

    @Test
    void theMonthlySeriesCountsEachStatusMoveOfTheJournal() {
        String association = TestMembers.newAssociation().toString();
        String id = member("IE", association);
        status(id, "ACTIVE");
        status(id, "LAPSED");
        status(id, "ACTIVE");
        status(id, "SUSPENDED");
        status(id, "TERMINATED");
        JsonPath series = given().auth().oauth2(secretariat()).queryParam("association", association).get(MONTHLY)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(12, series.getList("months").size());
        assertEquals(Map.of("month", java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString(), "joins", 1,
                "lapses", 1, "terminations", 1, "reactivations", 1), series.getMap("months[11]"));
        assertEquals(Map.of("month", series.getString("months[0].month"), "joins", 0, "lapses", 0, "terminations", 0,
                "reactivations", 0), series.getMap("months[0]"));
    }

    @Test
    void aMoveCountsInTheMonthItHappened() {
        String association = TestMembers.newAssociation().toString();
        String id = member("IE", association);
        status(id, "ACTIVE");
        // the admission as if made in March 2025: the journal row's time decides its month
        pool.preparedQuery("update member_journal set at = '2025-03-31T23:59:59Z' where member_id = $1 and status_after = 'ACTIVE'")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely();
        given().auth().oauth2(secretariat()).queryParam("association", association)
                .queryParam("from", "2025-02").queryParam("to", "2025-04").get(MONTHLY).then().statusCode(200)
                .body("from", is("2025-02")).body("to", is("2025-04"))
                .body("months.month", is(List.of("2025-02", "2025-03", "2025-04")))
                .body("months.joins", is(List.of(0, 1, 0)));
    }

    @Test
    void aSettledMonthIsCountedOnceWhileTheCurrentMonthIsCountedOnEveryCall() {
        String association = TestMembers.newAssociation().toString();
        String id = member("IE", association);
        status(id, "ACTIVE");
        UUID member = UUID.fromString(id);
        String admitted = "update member_journal set at = $2 where member_id = $1 and status_after = 'ACTIVE'";
        pool.preparedQuery(admitted).execute(Tuple.of(member, java.time.OffsetDateTime.parse("2024-05-15T12:00:00Z")))
                .await().indefinitely();
        var past = given().auth().oauth2(secretariat()).queryParam("association", association)
                .queryParam("from", "2024-04").queryParam("to", "2024-06");
        past.get(MONTHLY).then().statusCode(200).body("months.joins", is(List.of(0, 1, 0)));
        // the service only appends to the journal, at the time it writes; rewritten behind its back, a settled month
        // keeps the count it had when first asked for
        pool.preparedQuery(admitted).execute(Tuple.of(member, java.time.OffsetDateTime.parse("2024-04-15T12:00:00Z")))
                .await().indefinitely();
        past.get(MONTHLY).then().statusCode(200).body("months.joins", is(List.of(0, 1, 0)));
        // the current month is counted afresh: a lapse made now shows at once, twice over
        String now = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        var current = given().auth().oauth2(secretariat()).queryParam("association", association)
                .queryParam("from", now).queryParam("to", now);
        current.get(MONTHLY).then().statusCode(200).body("months.lapses", is(List.of(0)));
        status(id, "LAPSED");
        current.get(MONTHLY).then().statusCode(200).body("months.lapses", is(List.of(1)));
        status(id, "ACTIVE");
        status(id, "LAPSED");
        current.get(MONTHLY).then().statusCode(200).body("months.lapses", is(List.of(2)))
                .body("months.reactivations", is(List.of(1)));
    }

    @Test
    void csvHasAHeaderLineAndALinePerCell() {
        String csv = given().auth().oauth2(TOKENS.demoUser("fr-admin")).accept("text/csv").get(COUNTS).then()
                .statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("breakdown,label,members", lines[0]);
        assertEquals("total,," + counts("fr-admin", null).getInt("total"), lines[1]);
        assertEquals(true, csv.contains("\r\nstatus,TERMINATED,"), csv);
        given().auth().oauth2(TOKENS.demoUser("fr-admin")).accept("text/csv").queryParam("from", "2026-01")
                .queryParam("to", "2026-02").get(MONTHLY).then().statusCode(200)
                .body(startsWith("month,joins,lapses,terminations,reactivations\r\n2026-01,"));
    }

    @Test
    void badInputIsAProblemNamingTheParameter() {
        String token = secretariat();
        given().auth().oauth2(token).queryParam("from", "2026-13").get(MONTHLY).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", is("from"));
        given().auth().oauth2(token).queryParam("from", "2026-03").queryParam("to", "2026-02").get(MONTHLY).then()
                .statusCode(400).contentType(PROBLEM).body("detail", containsString("after"));
        given().auth().oauth2(token).queryParam("from", "2000-01").queryParam("to", "2026-02").get(MONTHLY).then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", is("to"));
        given().auth().oauth2(token).queryParam("association", "fr").get(COUNTS).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", is("association"));
        given().auth().oauth2(token).accept("application/xml").get(COUNTS).then().statusCode(406).contentType(PROBLEM)
                .body("detail", containsString("text/csv"));
        given().accept("application/xml").get(PUBLIC).then().statusCode(406).contentType(PROBLEM);
    }

    @Test
    void countsNeedATokenOfTheSecretariatOrAnAssociation() {
        given().get(COUNTS).then().statusCode(401).contentType(PROBLEM);
        given().get(MONTHLY).then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(TOKENS.demoUser("label-admin")).get(COUNTS).then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void thePublicSeesActiveMembersWithCountsBelowFiveHidden() {
        List<String> unused = unusedCountries(3);
        StringBuilder records = new StringBuilder();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        int[] members = {4, 5, 3}; // two small counts, 4 and 3: safe from subtraction whatever else is small
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < members[c]; i++) {
                records.append(records.isEmpty() ? "" : ",").append("{\"externalId\":\"STAT-").append(tag).append('-')
                        .append(c).append('-').append(i).append("\",\"kind\":\"COMPANY\",\"legalName\":\"Public ")
                        .append(i).append("\",\"displayName\":\"Public\",\"country\":\"").append(unused.get(c))
                        .append("\"}");
            }
        }
        given().auth().oauth2(secretariat()).contentType(ContentType.JSON).body("{\"records\":[" + records + "]}")
                .post("/api/v1/associations/" + FR + "/sync").then().statusCode(200);
        given().get(PUBLIC).then().statusCode(200).contentType(ContentType.JSON)
                .body("byCountry." + unused.get(0), is("<5"))
                .body("byCountry." + unused.get(1), is(5))
                .body("byCountry." + unused.get(2), is("<5"))
                .body("total", org.hamcrest.Matchers.nullValue())
                .header("Cache-Control", is("public, max-age=300")).header("Vary", is("Accept"));
        String csv = given().accept("text/csv").get(PUBLIC).then().statusCode(200)
                .header("Cache-Control", is("public, max-age=300")).extract().asString();
        assertEquals(true, csv.contains("\r\ncountry," + unused.get(0) + ",<5\r\n"), csv);
        assertEquals(true, csv.contains("\r\ncountry," + unused.get(1) + ",5\r\n"), csv);
    }

    /** Countries in which no member is counted publicly yet, so that the test knows their counts. */
    private static List<String> unusedCountries(int n) {
        Map<String, Object> shown = given().get(PUBLIC).then().statusCode(200).extract().jsonPath().getMap("byCountry");
        List<String> unused = new ArrayList<>();
        for (String code : Locale.getISOCountries()) {
            if (!shown.containsKey(code) && unused.size() < n) {
                unused.add(code);
            }
        }
        return unused;
    }
}
