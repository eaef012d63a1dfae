package eu.impala.membership.duplicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.local.KeycloakTokens;
import eu.impala.membership.MembershipTestServers;
import eu.impala.membership.TestMembers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A sync record or a registration that looks like a member of another association or a direct member is accepted
 * with a warning, which tells an association which keys matched and nothing of the other member.
 */
@QuarkusTest
class DuplicateWarningsTest {

    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();
    private static final String FR = TestMembers.FR;
    private static final String DE = TestMembers.DE;

    @BeforeEach
    void demoAssociationsAreRegistered() {
        TestMembers.demoAssociations();
    }

    private static String secretariat() {
        return TOKENS.demoUser("secretariat");
    }

    /** What the tests match against: a direct member, a German association's member, a French one. */
    private record Existing(String tag, String vat, String direct, String german, String french) {

        static Existing make() {
            String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
            String vat = String.format("%011d", (System.nanoTime() * 31) % 100_000_000_000L);
            String direct = DuplicatesApiTest.member(secretariat(), "COMPANY", "Warn" + tag + " Disques SAS",
                    "Warn" + tag, "FR", null, "FR" + vat, null);
            String german = DuplicatesApiTest.member(TOKENS.demoUser("de-admin"), "COMPANY", "Kompakt" + tag + " GmbH",
                    "Kompakt" + tag, "DE", DE, null, "https://www.kompakt" + tag + ".de");
            String french = DuplicatesApiTest.member(TOKENS.demoUser("fr-admin"), "COMPANY", "Own" + tag + " Label",
                    "Own" + tag, "FR", FR, null, "https://own" + tag + ".fr");
            return new Existing(tag, vat, direct, german, french);
        }
    }

    private static String record(String externalId, String legalName, String country, String vat, String website) {
        return "{\"externalId\":\"" + externalId + "\",\"kind\":\"COMPANY\",\"legalName\":\"" + legalName + "\","
                + "\"displayName\":\"" + legalName + "\",\"country\":\"" + country + "\""
                + (vat == null ? "" : ",\"vatNumber\":\"" + vat + "\"")
                + (website == null ? "" : ",\"website\":\"" + website + "\"") + "}";
    }

    private static Response sync(String token, String association, String contentType, String body) {
        return given().auth().oauth2(token).contentType(contentType).body(body)
                .post("/api/v1/associations/" + association + "/sync");
    }

    @Test
    void anAssociationsSyncWarnsOfOtherAssociationsAndDirectMembersWithoutNamingThem() {
        Existing e = Existing.make();
        String body = "{\"records\":["
                + record(e.tag() + "-vat", "Something" + e.tag() + " Else", "FR", e.vat(), null) + ","
                + record(e.tag() + "-web", "Another" + e.tag(), "DE", null, "http://kompakt" + e.tag() + ".de/about") + ","
                + record(e.tag() + "-own", "OWN" + e.tag() + " LABEL SARL", "FR", null, "https://www.own" + e.tag() + ".fr")
                + "," + record(e.tag() + "-new", "Nobody" + e.tag() + " Like It", "FR", null, null) + "]}";
        Response result = sync(TOKENS.demoUser("fr-admin"), FR, "application/json", body);
        result.then().statusCode(200)
                .body("summary.created", is(4))
                .body("results[0].result", is("created"))
                .body("results[0].warnings[0].code", is("possible-duplicate"))
                .body("results[0].warnings[0].reasons", contains("VAT_NUMBER"))
                .body("results[0].warnings[0].memberIds", nullValue())
                .body("results[1].result", is("created"))
                .body("results[1].warnings[0].reasons", contains("WEBSITE_DOMAIN"))
                // the association's own member is its own business; a record like nobody has no warning
                .body("results[2].result", is("created"))
                .body("results[2].warnings", nullValue())
                .body("results[3].warnings", nullValue());
        String text = result.asString();
        for (String secret : new String[] {e.direct(), e.german(), DE, "Warn" + e.tag(), "Kompakt" + e.tag()}) {
            assertFalse(text.contains(secret), "the result tells nothing of the other member: " + secret);
        }

        // a later change of the record warns again; a record sent unchanged costs a digest, and says nothing new
        String changed = "{\"records\":[" + record(e.tag() + "-vat", "Something" + e.tag() + " Else SA", "FR", e.vat(),
                null) + "," + record(e.tag() + "-web", "Another" + e.tag(), "DE", null, "http://kompakt" + e.tag() + ".de/about")
                + "]}";
        sync(TOKENS.clientCredentials("sync-fr", "sync-fr-dev-secret"), FR, "application/json", changed)
                .then().statusCode(200)
                .body("results[0].result", is("updated"))
                .body("results[0].warnings[0].reasons", contains("VAT_NUMBER"))
                .body("results[1].result", is("unchanged"))
                .body("results[1].warnings", nullValue());
    }

    @Test
    void aCsvSyncWarnsToo() {
        Existing e = Existing.make();
        String csv = String.join("\r\n",
                "externalId,kind,legalName,displayName,country,website,vatNumber",
                e.tag() + "-c1,COMPANY,WARN" + e.tag() + " DISQUES,Disques,FR,,",
                e.tag() + "-c2,COMPANY,Fresh" + e.tag() + ",Fresh,FR,https://own" + e.tag() + ".fr/contact,");
        sync(TOKENS.demoUser("fr-admin"), FR, "text/csv", csv).then().statusCode(200)
                .body("results[0].row", is(2))
                .body("results[0].warnings[0].reasons", contains("NAME_AND_COUNTRY"))
                .body("results[0].warnings[0].memberIds", nullValue())
                // the same domain as a member of its own association: no warning
                .body("results[1].warnings", nullValue());
    }

    @Test
    void theSecretariatsSyncNamesNoOtherMemberSinceTheAssociationReadsTheKeptRunAndADryRunWarnsAsWell() {
        Existing e = Existing.make();
        String body = "{\"records\":[" + record(e.tag() + "-s1", "Warn" + e.tag() + " Disques", "FR", "FR " + e.vat(),
                null) + "]}";
        given().auth().oauth2(secretariat()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/associations/" + DE + "/sync?dryRun=true").then().statusCode(200)
                .body("results[0].warnings[0].reasons", contains("VAT_NUMBER", "NAME_AND_COUNTRY"))
                .body("results[0].warnings[0].memberIds", nullValue());
        // and for the German association, its own member is nobody else's
        String german = "{\"records\":[" + record(e.tag() + "-s2", "Kompakt" + e.tag(), "DE", null, null) + "]}";
        sync(secretariat(), DE, "application/json", german).then().statusCode(200)
                .body("results[0].result", is("created")).body("results[0].warnings", nullValue());
        String run = sync(secretariat(), FR, "application/json", german).then().statusCode(200)
                .body("results[0].warnings[0].reasons", contains("NAME_AND_COUNTRY"))
                .body("results[0].warnings[0].memberIds", nullValue()).extract().path("runId");
        // the run as France's admin reads it: the warning, and no trace of the German member
        String kept = given().auth().oauth2(TOKENS.demoUser("fr-admin")).get("/api/v1/associations/" + FR + "/sync/runs/"
                + run).then().statusCode(200).body("results[0].warnings[0].reasons", contains("NAME_AND_COUNTRY"))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(kept.contains(e.german()), kept);
    }

    @Test
    void aRegistrationIsAcceptedWithAWarning() {
        Existing e = Existing.make();
        String fr = TOKENS.demoUser("fr-admin");
        // an association's: which keys, not whose
        Response registered = TestMembers.register(fr, "{\"kind\":\"COMPANY\",\"legalName\":\"Kompakt" + e.tag()
                + " Records\",\"displayName\":\"K\",\"country\":\"DE\",\"representedBy\":\"" + FR + "\","
                + "\"website\":\"http://kompakt" + e.tag() + ".de\"}");
        registered.then().statusCode(201)
                .body("warnings[0].code", is("possible-duplicate"))
                .body("warnings[0].reasons", contains("WEBSITE_DOMAIN"))
                .body("warnings[0].memberIds", nullValue());
        assertFalse(registered.asString().contains(e.german()));
        // its own association's member: no warning
        TestMembers.register(fr, "{\"kind\":\"COMPANY\",\"legalName\":\"Own" + e.tag() + " Label SAS\","
                        + "\"displayName\":\"O\",\"country\":\"FR\",\"representedBy\":\"" + FR + "\"}")
                .then().statusCode(201).body("warnings", nullValue()).body("status", is("APPLICANT"));
        // the secretariat's, direct: every other member counts, and it learns which
        TestMembers.register(secretariat(), "{\"kind\":\"COMPANY\",\"legalName\":\"Own" + e.tag() + " Label\","
                        + "\"displayName\":\"O\",\"country\":\"FR\",\"vatNumber\":\"" + e.vat() + "\"}")
                .then().statusCode(201)
                .body("warnings[0].reasons", contains("VAT_NUMBER", "NAME_AND_COUNTRY"))
                .body("warnings[0].memberIds", hasItem(e.direct()))
                .body("warnings[0].memberIds", hasItem(e.french()));
        // under an id it chooses (If-None-Match: *)
        String id = java.util.UUID.randomUUID().toString();
        given().auth().oauth2(secretariat()).contentType(ContentType.JSON).header("If-None-Match", "*")
                .body("{\"kind\":\"COMPANY\",\"legalName\":\"Warn" + e.tag() + " Disques\",\"displayName\":\"W\","
                        + "\"country\":\"FR\"}")
                .put("/api/v1/members/" + id).then().statusCode(201)
                .body("id", is(id))
                .body("warnings[0].reasons", contains("NAME_AND_COUNTRY"))
                .body("warnings[0].memberIds", contains(e.direct()));
        // a read of the member shows no warning: it belongs to the registration's answer
        given().auth().oauth2(secretariat()).get("/api/v1/members/" + id).then().statusCode(200)
                .body("warnings", nullValue()).body("id", not(nullValue()));
    }
}
