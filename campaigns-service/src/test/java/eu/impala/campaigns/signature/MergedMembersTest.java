package eu.impala.campaigns.signature;

import static eu.impala.campaigns.signature.SigningTest.sign;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.campaigns.TestCampaigns;
import eu.impala.campaigns.TestMembers;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.quarkus.test.junit.QuarkusTest;

/**
 * membership's member.merged, sent to the real topic: the duplicate's signatures become the survivor's, one live
 * signature per campaign (the earlier), and every count stays exact.
 */
@QuarkusTest
class MergedMembersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @BeforeEach
    void demoMembersAreKnown() {
        TestMembers.demoMembers(pool);
    }

    private static String signFor(UUID campaign, UUID member) {
        return sign("fr-admin", campaign, "{\"memberId\":\"" + member + "\"}").then().statusCode(201).extract().path("id");
    }

    @Test
    void theDuplicatesSignaturesBecomeTheSurvivorsAndEachCampaignCountsTheMemberOnce() {
        UUID survivor = TestMembers.activeFrenchLabel(pool, "Lumen Survivor");
        UUID duplicate = TestMembers.activeFrenchLabel(pool, "LUMEN Duplicate");
        String bothSurvivorFirst = TestCampaigns.slug("merge-s");
        String bothDuplicateFirst = TestCampaigns.slug("merge-d");
        String duplicateOnly = TestCampaigns.slug("merge-o");
        UUID c1 = TestCampaigns.published(bothSurvivorFirst, "");
        UUID c2 = TestCampaigns.published(bothDuplicateFirst, "");
        UUID c3 = TestCampaigns.published(duplicateOnly, "");
        String s1 = signFor(c1, survivor);
        String d1 = signFor(c1, duplicate);
        String d2 = signFor(c2, duplicate);
        String s2 = signFor(c2, survivor);
        String d3 = signFor(c3, duplicate);
        given().get("/api/v1/campaigns/public/" + bothSurvivorFirst + "/counters").then().body("total", equalTo(2));
        given().get("/api/v1/campaigns/public/" + bothDuplicateFirst + "/counters").then().body("total", equalTo(2));

        TestMembers.send(duplicate, "eu.impala.membership.member.merged.v1", "{\"memberId\":\"" + duplicate
                + "\",\"duplicateId\":\"" + duplicate + "\",\"survivorId\":\"" + survivor + "\"}");
        // the read model and the signatures change in one transaction: the status says it is applied
        TestMembers.awaitStatus(pool, duplicate, "MERGED");

        // the earlier of the two stays live, now the survivor's; the later is withdrawn by the merge
        assertEquals(List.of(s1), live(c1, survivor));
        assertEquals(List.of(d2), live(c2, survivor));
        assertEquals(List.of(d3), live(c3, survivor));
        assertEquals("membership:merge", one("select withdrawn_by from signature where id = $1", UUID.fromString(d1))
                .getString(0));
        assertEquals("membership:merge", one("select withdrawn_by from signature where id = $1", UUID.fromString(s2))
                .getString(0));
        assertEquals(0L, one("select count(*) from signature where member_id = $1", duplicate).getLong(0),
                "nothing is the duplicate's any more, withdrawn signatures included");

        // the counts: the campaign's own and the public counters, by every breakdown
        for (UUID campaign : List.of(c1, c2, c3)) {
            assertEquals(1, one("select signature_count from campaign where id = $1", campaign).getInteger(0));
        }
        for (String slug : List.of(bothSurvivorFirst, bothDuplicateFirst, duplicateOnly)) {
            given().get("/api/v1/campaigns/public/" + slug + "/counters").then().statusCode(200)
                    .body("total", equalTo(1)).body("byCountry.FR", equalTo(1)).body("byMemberKind.COMPANY", equalTo(1))
                    .body("bySizeClass.MICRO", equalTo(1));
        }
        // the duplicate signs no more
        sign("fr-admin", c1, "{\"memberId\":\"" + duplicate + "\"}").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("MERGED"));
    }

    private List<String> live(UUID campaign, UUID member) {
        List<String> ids = new java.util.ArrayList<>();
        pool.preparedQuery("select id::text from signature where campaign_id = $1 and member_id = $2 "
                        + "and withdrawn_at is null").execute(Tuple.of(campaign, member)).await().atMost(WAIT)
                .forEach(r -> ids.add(r.getString(0)));
        assertEquals(1, one("select count(*) from signature where campaign_id = $1 and withdrawn_at is null", campaign)
                .getLong(0), "one live signature in the campaign");
        return ids;
    }

    private Row one(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(WAIT).iterator().next();
    }
}
