package eu.impala.campaigns.signature;

import static eu.impala.campaigns.CampaignsTestServers.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.campaigns.TestCampaigns;
import eu.impala.campaigns.TestMembers;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class AssociationViewsTest {

    @Inject
    Pool pool;

    @BeforeEach
    void demoMembersAreKnown() {
        TestMembers.demoMembers(pool);
    }

    @Test
    void anAssociationSeesWhoOfItsMembersHasSignedAndWhoNot() {
        UUID campaign = TestCampaigns.published(TestCampaigns.slug("mobilise"), "");
        UUID signer = TestMembers.activeFrenchLabel(pool, "Signer Records");
        UUID sleeper = TestMembers.activeFrenchLabel(pool, "Sleeper Records");
        SigningTest.sign("fr-admin", campaign, "{\"memberId\":\"" + signer + "\"}").then().statusCode(201);
        String path = "/api/v1/campaigns/" + campaign + "/associations/" + TestMembers.FR + "/members";

        given().auth().oauth2(token("fr-admin")).queryParam("signed", false).queryParam("limit", 500).get(path)
                .then().statusCode(200).body("items.memberId", hasItem(sleeper.toString()))
                .body("items.memberId", not(hasItem(signer.toString()))).body("items.signed", everyItem(equalTo(false)));
        given().auth().oauth2(token("fr-admin")).queryParam("signed", true).queryParam("limit", 500).get(path)
                .then().statusCode(200).body("items.memberId", hasItem(signer.toString()))
                .body("items.find { it.memberId == '" + signer + "' }.eligible", equalTo(true));
        given().auth().oauth2(token("de-admin")).get(path).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(token("label-admin")).get(path).then().statusCode(403);
        given().auth().oauth2(token("secretariat")).get(path).then().statusCode(200);
    }

    @Test
    void figuresAndListsOfAnAssociationCoverItsOwnMembersOnly() {
        UUID campaign = TestCampaigns.published(TestCampaigns.slug("stats"), "");
        UUID french = TestMembers.activeFrenchLabel(pool, "Stats Records");
        SigningTest.sign("fr-admin", campaign, "{\"memberId\":\"" + french + "\"}").then().statusCode(201);
        SigningTest.sign("artist-admin", campaign, "{}").then().statusCode(201);

        given().auth().oauth2(token("secretariat")).get("/api/v1/campaigns/" + campaign + "/stats")
                .then().statusCode(200).body("total", equalTo(2)).body("byCountry.FR", equalTo(1))
                .body("byAssociation.none", equalTo(1)).body("byAssociation.'" + TestMembers.FR + "'", equalTo(1));
        given().auth().oauth2(token("fr-admin")).get("/api/v1/campaigns/" + campaign + "/stats")
                .then().statusCode(200).body("total", equalTo(1)).body("byCountry.DE", equalTo(null));
        given().auth().oauth2(token("de-admin")).get("/api/v1/campaigns/" + campaign + "/signatures")
                .then().statusCode(200).body("items.size()", equalTo(0));
        given().auth().oauth2(token("fr-admin")).get("/api/v1/campaigns/" + campaign + "/signatures")
                .then().statusCode(200).body("items.memberId", equalTo(java.util.List.of(french.toString())));
        given().auth().oauth2(token("label-admin")).get("/api/v1/campaigns/" + campaign + "/stats").then().statusCode(403);
    }

    @Test
    void theSecretariatExportsTheSignatoriesAsCsv() {
        UUID campaign = TestCampaigns.published(TestCampaigns.slug("export"), "");
        SigningTest.sign("label-admin", campaign, "{\"comment\":\"=HYPERLINK(\\\"x\\\")\",\"showName\":true}")
                .then().statusCode(201);
        String csv = given().auth().oauth2(token("secretariat")).get("/api/v1/campaigns/" + campaign + "/signatures/export")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("-signatories.csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(2, lines.length, csv);
        assertTrue(lines[0].startsWith("id,member_id,display_name,country"), lines[0]);
        assertTrue(lines[1].contains("Label Demo Records"), lines[1]);
        assertTrue(lines[1].contains("\"'=HYPERLINK(\"\"x\"\")\""), "a formula is defused: " + lines[1]);
        given().auth().oauth2(token("fr-admin")).get("/api/v1/campaigns/" + campaign + "/signatures/export")
                .then().statusCode(403);
    }
}
