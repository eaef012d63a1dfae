package eu.impala.campaigns.campaign;

import static eu.impala.campaigns.CampaignsTestServers.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.campaigns.TestCampaigns;
import eu.impala.campaigns.TestMembers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class PublicCampaignTest {

    @Inject
    Pool pool;

    @BeforeEach
    void demoMembersAreKnown() {
        TestMembers.demoMembers(pool);
    }

    @Test
    void anyoneReadsAPublishedCampaignInTheirLanguageWithFallback() {
        String slug = TestCampaigns.slug("public");
        TestCampaigns.published(slug, "");
        given().header("Accept-Language", "fr-BE, fr;q=0.9, en;q=0.5").get("/api/v1/campaigns/public/" + slug)
                .then().statusCode(200).header("Content-Language", "fr").header("Vary", containsString("Accept-Language"))
                .header("Cache-Control", containsString("max-age")).header("ETag", notNullValue())
                .body("title", equalTo("Des accords numériques équitables")).body("language", equalTo("fr"))
                .body("bodyLanguage", equalTo("en")).body("body", containsString("Declaration"));
        given().header("Accept-Language", "de").get("/api/v1/campaigns/public/" + slug)
                .then().statusCode(200).header("Content-Language", "en").body("title", equalTo("Fair digital deals"));
        given().header("Accept-Language", ";;;q=x").get("/api/v1/campaigns/public/" + slug)
                .then().statusCode(200).body("language", equalTo("en"));
        given().queryParam("limit", 500).get("/api/v1/campaigns/public")
                .then().statusCode(200).body("items.slug", hasItem(slug)).body("items[0].body", nullValue());
    }

    @Test
    void draftsAndArchivedCampaignsAreNotPublic() {
        String draft = TestCampaigns.slug("draft");
        TestCampaigns.draft(TestCampaigns.body(draft, ""));
        given().get("/api/v1/campaigns/public/" + draft).then().statusCode(404).contentType("application/problem+json");
        given().queryParam("limit", 500).get("/api/v1/campaigns/public").then().body("items.slug", not(hasItem(draft)));
        String archived = TestCampaigns.slug("archived");
        UUID id = TestCampaigns.published(archived, "");
        TestCampaigns.move(id, "CLOSED");
        given().get("/api/v1/campaigns/public/" + archived).then().statusCode(200).body("status", equalTo("CLOSED"));
        TestCampaigns.move(id, "ARCHIVED");
        given().get("/api/v1/campaigns/public/" + archived).then().statusCode(404);
        given().queryParam("status", "DRAFT").get("/api/v1/campaigns/public").then().statusCode(400);
        given().queryParam("cursor", "forged").get("/api/v1/campaigns/public").then().statusCode(400);
    }

    @Test
    void anUnchangedPageIsNotModified() {
        String slug = TestCampaigns.slug("etag");
        TestCampaigns.published(slug, "");
        String etag = given().get("/api/v1/campaigns/public/" + slug + "/counters").then().statusCode(200)
                .extract().header("ETag");
        given().header("If-None-Match", etag).get("/api/v1/campaigns/public/" + slug + "/counters")
                .then().statusCode(304);
        String page = given().get("/api/v1/campaigns/public/" + slug).then().extract().header("ETag");
        given().header("If-None-Match", page).get("/api/v1/campaigns/public/" + slug).then().statusCode(304);
    }

    @Test
    void countersAreExactAtOnceAndTheListNamesOnlyConsentingMembers() {
        String slug = TestCampaigns.slug("counted");
        UUID campaign = TestCampaigns.published(slug, ",\"goal\":10");
        given().get("/api/v1/campaigns/public/" + slug + "/counters").then().body("total", equalTo(0));
        UUID quiet = TestMembers.activeFrenchLabel(pool, "Quiet Records");
        sign("label-admin", campaign, "{\"showName\":true}");
        sign("artist-admin", campaign, "{\"showName\":true}");
        sign("fr-admin", campaign, "{\"memberId\":\"" + quiet + "\",\"showName\":false}");

        given().get("/api/v1/campaigns/public/" + slug + "/counters").then().statusCode(200)
                .body("total", equalTo(3)).body("goal", equalTo(10)).body("goalReached", equalTo(false))
                .body("byCountry.FR", equalTo(2)).body("byCountry.DE", equalTo(1))
                .body("byMemberKind.COMPANY", equalTo(2)).body("byMemberKind.ARTIST", equalTo(1))
                .body("bySizeClass.MICRO", equalTo(2)).body("bySizeClass.UNKNOWN", equalTo(1));
        given().get("/api/v1/campaigns/public/" + slug + "/signatories").then().statusCode(200)
                .body("items.displayName", hasItem("Label Demo Records")).body("items.displayName", hasItem("Ari Demo"))
                .body("items.displayName", not(hasItem("Quiet Records"))).body("items.size()", equalTo(2));
    }

    @Test
    void anErasedMemberKeepsItsCountButLosesItsNameAndWords() {
        String slug = TestCampaigns.slug("erased");
        UUID campaign = TestCampaigns.published(slug, "");
        UUID member = TestMembers.activeFrenchLabel(pool, "Erasable Artist");
        sign("fr-admin", campaign, "{\"memberId\":\"" + member + "\",\"showName\":true,\"comment\":\"I am Erasable\"}");
        given().get("/api/v1/campaigns/public/" + slug + "/signatories").then().body("items.displayName", hasItem("Erasable Artist"));

        TestMembers.erased(member);
        TestMembers.awaitCount(pool, java.util.List.of(member), "display_name is null");
        given().get("/api/v1/campaigns/public/" + slug + "/signatories").then().body("items.size()", equalTo(0));
        given().get("/api/v1/campaigns/public/" + slug + "/counters").then().body("total", equalTo(1));
        var row = pool.preparedQuery("select signed_by, comment, show_name, anonymised_at from signature where member_id = $1")
                .execute(Tuple.of(member)).await().indefinitely().iterator().next();
        org.junit.jupiter.api.Assertions.assertNull(row.getString("signed_by"));
        org.junit.jupiter.api.Assertions.assertNull(row.getString("comment"));
        org.junit.jupiter.api.Assertions.assertFalse(row.getBoolean("show_name"));
        org.junit.jupiter.api.Assertions.assertNotNull(row.getOffsetDateTime("anonymised_at"));
        String csv = given().auth().oauth2(token("secretariat")).get("/api/v1/campaigns/" + campaign + "/signatures/export")
                .then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(csv.contains("Erasable"), csv);
    }

    private static void sign(String user, UUID campaign, String body) {
        given().auth().oauth2(token(user)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/campaigns/" + campaign + "/signatures").then().statusCode(201);
    }
}
