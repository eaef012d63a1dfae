package eu.impala.campaigns.signature;

import static eu.impala.campaigns.CampaignsTestServers.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.campaigns.CampaignsTestServers;
import eu.impala.local.EventSchemas;
import eu.impala.campaigns.TestCampaigns;
import eu.impala.campaigns.TestMembers;
import eu.impala.campaigns.campaign.CampaignEvents;
import eu.impala.local.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class SigningTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @BeforeEach
    void demoMembersAreKnown() {
        TestMembers.demoMembers(pool);
    }

    @Test
    void aMemberAdminSignsForItsMemberAndSigningAgainChangesNothing() throws Exception {
        UUID campaign = TestCampaigns.published(TestCampaigns.slug("sign"), "");
        try (KafkaProbe probe = KafkaProbe.reading(CampaignsTestServers.kafka(), SignatureEvents.TOPIC)) {
            String id = sign("label-admin", campaign, "{\"comment\":\"Count us in\",\"showName\":true}")
                    .then().statusCode(201).body("memberId", equalTo(TestMembers.LABEL.toString()))
                    .body("signedBy", equalTo("label-admin")).body("showName", equalTo(true))
                    .extract().path("id");
            sign("label-admin", campaign, "{\"comment\":\"again\"}")
                    .then().statusCode(200).body("id", equalTo(id)).body("comment", equalTo("Count us in"));

            ConsumerRecord<String, String> added = probe.await(r -> r.value().contains(id)
                    && SignatureEvents.ADDED.equals(KafkaProbe.header(r, "ce_type")), WAIT);
            assertEquals(campaign.toString(), added.key());
            assertEquals("/campaigns-service", KafkaProbe.header(added, "ce_source"));
            assertTrue(EventSchemas.validate("signature-added.v1", added.value()).isEmpty(), added.value());
        }
        assertEquals(1, liveSignatures(campaign));
        assertEquals(1, count(campaign));
    }

    @Test
    void aMemberAdminCannotSignForAnotherMemberWhichIsNotFoundToIt() {
        UUID campaign = TestCampaigns.published(TestCampaigns.slug("other"), "");
        sign("label-admin", campaign, "{\"memberId\":\"" + TestMembers.ARTIST + "\"}")
                .then().statusCode(404).contentType("application/problem+json");
        assertEquals(0, liveSignatures(campaign));
    }

    @Test
    void anAssociationSignsForTheMembersItRepresentsOnly() {
        UUID campaign = TestCampaigns.published(TestCampaigns.slug("assoc"), "");
        UUID french = TestMembers.activeFrenchLabel(pool, "Because Music");
        sign("fr-admin", campaign, "{\"memberId\":\"" + french + "\"}")
                .then().statusCode(201).body("viaAssociation", equalTo(TestMembers.FR.toString()))
                .body("signedBy", equalTo("fr-admin"));
        sign("de-admin", campaign, "{\"memberId\":\"" + TestMembers.LABEL + "\"}")
                .then().statusCode(404).contentType("application/problem+json");
        sign("de-admin", campaign, "{\"memberId\":\"" + UUID.randomUUID() + "\"}").then().statusCode(404);
        sign("fr-admin", campaign, "{}").then().statusCode(400).body("errors[0].field", equalTo("memberId"));
        sign("secretariat", campaign, "{\"memberId\":\"" + french + "\"}").then().statusCode(403);
        assertEquals(1, liveSignatures(campaign));
    }

    @Test
    void onlyEligibleActiveMembersSignAndALapsedMemberNoLonger() {
        UUID onlyArtists = TestCampaigns.published(TestCampaigns.slug("artists"),
                ",\"eligibility\":{\"memberKinds\":[\"ARTIST\"]}");
        sign("label-admin", onlyArtists, "{}").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("ARTIST"));
        sign("artist-admin", onlyArtists, "{}").then().statusCode(201);

        UUID first = TestCampaigns.published(TestCampaigns.slug("lapse-a"), "");
        UUID second = TestCampaigns.published(TestCampaigns.slug("lapse-b"), "");
        UUID member = TestMembers.activeFrenchLabel(pool, "Soon Lapsed");
        sign("fr-admin", first, "{\"memberId\":\"" + member + "\"}").then().statusCode(201);
        TestMembers.statusChanged(member, "ACTIVE", "LAPSED");
        TestMembers.awaitStatus(pool, member, "LAPSED");
        sign("fr-admin", second, "{\"memberId\":\"" + member + "\"}").then().statusCode(422)
                .body("detail", containsString("LAPSED"));
        assertEquals(1, liveSignatures(first), "the signature given while active stays");
    }

    @Test
    void draftsAreNotFoundAndClosedCampaignsTakeNoSignatures() {
        UUID draft = TestCampaigns.draft(TestCampaigns.body(TestCampaigns.slug("hidden"), ""));
        sign("label-admin", draft, "{}").then().statusCode(404);
        UUID closed = TestCampaigns.published(TestCampaigns.slug("closed"), "");
        TestCampaigns.move(closed, "CLOSED");
        sign("label-admin", closed, "{}").then().statusCode(409).body("type", containsString("campaign-not-open"));
        sign("label-admin", UUID.randomUUID(), "{}").then().statusCode(404);
    }

    @Test
    void aPledgeNeedsACommitmentAndADeclarationTakesNone() {
        UUID pledge = TestCampaigns.draft(TestCampaigns.body(TestCampaigns.slug("pledge"), "").replace("DECLARATION", "PLEDGE"));
        TestCampaigns.move(pledge, "PUBLISHED");
        sign("label-admin", pledge, "{}").then().statusCode(400).body("errors[0].field", equalTo("pledge"));
        sign("label-admin", pledge, "{\"pledge\":\"We will publish our streaming contracts' key terms.\"}")
                .then().statusCode(201).body("pledge", containsString("streaming"));
        UUID declaration = TestCampaigns.published(TestCampaigns.slug("decl"), "");
        sign("label-admin", declaration, "{\"pledge\":\"x\"}").then().statusCode(400);
        sign("label-admin", declaration, "{\"comment\":\"" + "x".repeat(2001) + "\"}").then().statusCode(400);
        sign("label-admin", declaration, "{\"showName\":\"maybe\"}").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aWithdrawnSignatureLeavesTheCountAndCanBeGivenAgainWhileOpen() {
        UUID campaign = TestCampaigns.published(TestCampaigns.slug("withdraw"), "");
        sign("label-admin", campaign, "{}").then().statusCode(201);
        withdraw("de-admin", campaign, TestMembers.LABEL).then().statusCode(404);
        withdraw("label-admin", campaign, TestMembers.LABEL).then().statusCode(204);
        assertEquals(0, count(campaign));
        withdraw("label-admin", campaign, TestMembers.LABEL).then().statusCode(404);
        sign("label-admin", campaign, "{}").then().statusCode(201);
        assertEquals(1, count(campaign));
        TestCampaigns.move(campaign, "CLOSED");
        withdraw("label-admin", campaign, TestMembers.LABEL).then().statusCode(409);
        assertEquals(1, liveSignatures(campaign));
    }

    @Test
    void concurrentSignsOfOneMemberEndWithOneSignature() throws Exception {
        UUID campaign = TestCampaigns.published(TestCampaigns.slug("race"), "");
        String token = token("label-admin");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                        .post("/api/v1/campaigns/" + campaign + "/signatures").statusCode());
            }
            int created = 0;
            for (Future<Integer> f : pool.invokeAll(calls)) {
                int status = f.get();
                assertTrue(status == 201 || status == 200, "status " + status);
                created += status == 201 ? 1 : 0;
            }
            assertEquals(1, created, "one request created it, the others got it back");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, liveSignatures(campaign));
        assertEquals(1, count(campaign));
    }

    @Test
    void concurrentSignsOfManyMembersAreAllKeptAndCounted() throws Exception {
        UUID campaign = TestCampaigns.published(TestCampaigns.slug("crowd"), ",\"goal\":15");
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UUID member = UUID.randomUUID();
            TestMembers.registered(member, "Crowd " + i, "COMPANY", "FR", TestMembers.FR, "ACTIVE");
            members.add(member);
        }
        TestMembers.awaitCount(pool, members, "status = 'ACTIVE'");
        String token = token("fr-admin");
        ExecutorService clients = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (UUID member : members) {
                for (int twice = 0; twice < 2; twice++) {
                    calls.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                            .body("{\"memberId\":\"" + member + "\"}")
                            .post("/api/v1/campaigns/" + campaign + "/signatures").statusCode());
                }
            }
            int created = 0;
            for (Future<Integer> f : clients.invokeAll(calls)) {
                int status = f.get();
                assertTrue(status == 201 || status == 200, "status " + status);
                created += status == 201 ? 1 : 0;
            }
            assertEquals(30, created, "each member's signature created once");
        } finally {
            clients.shutdownNow();
        }
        assertEquals(30, liveSignatures(campaign));
        assertEquals(30, count(campaign));
    }

    @Test
    void theGoalIsReachedExactlyOnce() throws Exception {
        UUID campaign = TestCampaigns.published(TestCampaigns.slug("goal"), ",\"goal\":2");
        List<UUID> members = List.of(TestMembers.activeFrenchLabel(pool, "Goal One"),
                TestMembers.activeFrenchLabel(pool, "Goal Two"), TestMembers.activeFrenchLabel(pool, "Goal Three"));
        try (KafkaProbe probe = KafkaProbe.reading(CampaignsTestServers.kafka(), CampaignEvents.TOPIC, SignatureEvents.TOPIC)) {
            sign("fr-admin", campaign, "{\"memberId\":\"" + members.get(0) + "\"}").then().statusCode(201);
            sign("fr-admin", campaign, "{\"memberId\":\"" + members.get(1) + "\"}").then().statusCode(201);
            withdraw("fr-admin", campaign, members.get(1)).then().statusCode(204);
            sign("fr-admin", campaign, "{\"memberId\":\"" + members.get(1) + "\"}").then().statusCode(201);
            sign("fr-admin", campaign, "{\"memberId\":\"" + members.get(2) + "\"}").then().statusCode(201);

            ConsumerRecord<String, String> reached = probe.await(r -> campaign.toString().equals(r.key())
                    && CampaignEvents.GOAL_REACHED.equals(KafkaProbe.header(r, "ce_type")), WAIT);
            assertTrue(EventSchemas.validate("campaign-goal-reached.v1", reached.value()).isEmpty(), reached.value());
            assertTrue(reached.value().contains("\"signatureCount\":2"), reached.value());
            probe.await(r -> campaign.toString().equals(r.key()) && r.value().contains("\"signatureCount\":3"), WAIT);
            Thread.sleep(1000); // a second goal-reached would have been published with the later signatures
            long goals = probe.seen().stream().filter(r -> campaign.toString().equals(r.key())
                    && CampaignEvents.GOAL_REACHED.equals(KafkaProbe.header(r, "ce_type"))).count();
            assertEquals(1, goals);
        }
        assertEquals(3, count(campaign));
    }

    @Test
    void aMembersSignaturesAreVisibleToItAndItsAssociationOnly() {
        UUID campaign = TestCampaigns.published(TestCampaigns.slug("mine"), "");
        sign("label-admin", campaign, "{}").then().statusCode(201);
        given().auth().oauth2(token("label-admin")).get("/api/v1/campaigns/signed-by/" + TestMembers.LABEL)
                .then().statusCode(200).body("find { it.signature.campaignId == '" + campaign + "' }.campaignStatus",
                        equalTo("PUBLISHED"));
        given().auth().oauth2(token("fr-admin")).get("/api/v1/campaigns/signed-by/" + TestMembers.LABEL)
                .then().statusCode(200);
        given().auth().oauth2(token("de-admin")).get("/api/v1/campaigns/signed-by/" + TestMembers.LABEL)
                .then().statusCode(404);
        given().auth().oauth2(token("artist-admin")).get("/api/v1/campaigns/signed-by/" + TestMembers.LABEL)
                .then().statusCode(404);
    }

    @Test
    void theSignaturesOfAMemberCampaignsDoesNotKnowAreNotFoundEvenToTheSecretariat() {
        given().auth().oauth2(token("secretariat")).get("/api/v1/campaigns/signed-by/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    static Response sign(String user, UUID campaign, String body) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/campaigns/" + campaign + "/signatures");
    }

    static Response withdraw(String user, UUID campaign, UUID member) {
        return given().auth().oauth2(token(user)).delete("/api/v1/campaigns/" + campaign + "/signatures/" + member);
    }

    private long liveSignatures(UUID campaign) {
        return pool.preparedQuery("select count(*) from signature where campaign_id = $1 and withdrawn_at is null")
                .execute(Tuple.of(campaign)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private int count(UUID campaign) {
        return pool.preparedQuery("select signature_count from campaign where id = $1")
                .execute(Tuple.of(campaign)).await().atMost(WAIT).iterator().next().getInteger(0);
    }
}
