package eu.impala.campaigns.signature;

import static eu.impala.campaigns.CampaignsTestServers.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import eu.impala.campaigns.TestCampaigns;
import eu.impala.campaigns.TestMembers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class ParticipationTest {

    /** Malta: no other test registers members there, yet each figure is read as a change from before. */
    private static final String COUNTRY = "MT";

    @Inject
    Pool pool;

    @Test
    void participationSetsTheSignersAgainstTheEligibleMembersOfTheirCountryAndSizeClass() {
        UUID campaign = TestCampaigns.published(TestCampaigns.slug("reach"),
                ",\"eligibility\":{\"memberKinds\":[\"COMPANY\"],\"countries\":[\"" + COUNTRY + "\"]}");
        JsonPath before = participation("secretariat", campaign);
        UUID small = member("COMPANY", "ACTIVE", "SMALL");
        UUID micro = member("COMPANY", "ACTIVE", "MICRO");
        UUID otherMicro = member("COMPANY", "ACTIVE", "MICRO");
        UUID artist = member("ARTIST", "ACTIVE", null);
        UUID lapsed = member("COMPANY", "LAPSED", "MICRO");
        TestMembers.awaitCount(pool, List.of(small, micro, otherMicro, artist, lapsed), "true");
        SigningTest.sign("fr-admin", campaign, "{\"memberId\":\"" + small + "\"}").then().statusCode(201);
        SigningTest.sign("fr-admin", campaign, "{\"memberId\":\"" + micro + "\"}").then().statusCode(201);

        JsonPath after = participation("secretariat", campaign);
        // the artist is a member of the sector but not admitted; the lapsed label is neither
        assertEquals(List.of(4, 3, 2), change(before, after, "byCountry." + COUNTRY));
        assertEquals(2, after.getInt("total.signed"));
        assertEquals(List.of(1, 1, 1), change(before, after, "bySizeClass.SMALL"));
        assertEquals(List.of(2, 1), change(before, after, "bySizeClass.MICRO").subList(1, 3));
        assertEquals(0, change(before, after, "bySizeClass.UNKNOWN").get(1), "an artist is never eligible here");
        int eligible = after.getInt("byCountry." + COUNTRY + ".eligible");
        assertEquals(Math.round(10_000.0 * 2 / eligible) / 10_000.0, after.getDouble("byCountry." + COUNTRY + ".share"));

        // a signer that lapses leaves both the eligible and the signed; a withdrawal leaves the signed
        TestMembers.statusChanged(small, "ACTIVE", "LAPSED");
        TestMembers.awaitStatus(pool, small, "LAPSED");
        SigningTest.withdraw("fr-admin", campaign, micro).then().statusCode(204);
        assertEquals(List.of(3, 2, 0), change(before, participation("secretariat", campaign), "byCountry." + COUNTRY));
        // an erased artist leaves the sector's figures, as it leaves membership's
        TestMembers.erased(artist);
        TestMembers.awaitCount(pool, List.of(artist), "display_name is null");
        assertEquals(List.of(2, 2, 0), change(before, participation("secretariat", campaign), "byCountry." + COUNTRY));
    }

    @Test
    void anAssociationSeesTheParticipationOfItsOwnMembersOnly() {
        UUID campaign = TestCampaigns.published(TestCampaigns.slug("reach-own"), "");
        UUID french = member("COMPANY", "ACTIVE", "MEDIUM");
        TestMembers.awaitStatus(pool, french, "ACTIVE");
        SigningTest.sign("fr-admin", campaign, "{\"memberId\":\"" + french + "\"}").then().statusCode(201);

        JsonPath fr = participation("fr-admin", campaign);
        assertEquals(TestMembers.FR.toString(), fr.getString("association"));
        assertEquals(1, fr.getInt("total.signed"));
        JsonPath de = participation("de-admin", campaign);
        assertEquals(TestMembers.DE.toString(), de.getString("association"));
        assertEquals(0, de.getInt("total.signed"), "FR's signer is not DE's");
        assertNull(de.get("byCountry." + COUNTRY), "DE represents no member in " + COUNTRY);
        assertNull(participation("secretariat", campaign).get("association"));

        String csv = given().auth().oauth2(token("fr-admin")).accept("text/csv").get(path(campaign))
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("breakdown,label,members,eligible,signed,share", lines.get(0));
        assertEquals("total,," + fr.getInt("total.members") + "," + fr.getInt("total.eligible") + ",1,"
                + fr.get("total.share"), lines.get(1), "the CSV says what the JSON says");
        given().auth().oauth2(token("fr-admin")).accept("application/xml").get(path(campaign)).then().statusCode(406)
                .contentType("application/problem+json");

        given().auth().oauth2(token("label-admin")).get(path(campaign)).then().statusCode(403)
                .contentType("application/problem+json");
        UUID draft = TestCampaigns.draft(TestCampaigns.body(TestCampaigns.slug("reach-draft"), ""));
        given().auth().oauth2(token("fr-admin")).get(path(draft)).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(token("secretariat")).get(path(draft)).then().statusCode(200);
    }

    private static UUID member(String kind, String status, String sizeClass) {
        UUID id = UUID.randomUUID();
        TestMembers.registered(id, "Reach " + id.toString().substring(0, 8), kind, COUNTRY, TestMembers.FR, status,
                sizeClass);
        return id;
    }

    private static JsonPath participation(String user, UUID campaign) {
        return given().auth().oauth2(token(user)).get(path(campaign)).then().statusCode(200).extract().jsonPath();
    }

    private static String path(UUID campaign) {
        return "/api/v1/campaigns/" + campaign + "/participation";
    }

    /** How members, eligible and signed of one cell changed between two readings (an absent cell is all zero). */
    private static List<Integer> change(JsonPath before, JsonPath after, String cell) {
        Map<String, Object> was = before.getMap(cell);
        Map<String, Object> is = after.getMap(cell);
        return List.of("members", "eligible", "signed").stream()
                .map(key -> count(is, key) - count(was, key)).toList();
    }

    private static int count(Map<String, Object> cell, String key) {
        return cell == null ? 0 : ((Number) cell.get(key)).intValue();
    }
}
