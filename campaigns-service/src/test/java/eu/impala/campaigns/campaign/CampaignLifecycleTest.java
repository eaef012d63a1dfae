package eu.impala.campaigns.campaign;

import static eu.impala.campaigns.CampaignsTestServers.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import eu.impala.campaigns.CampaignsTestServers;
import eu.impala.local.EventSchemas;
import eu.impala.campaigns.TestCampaigns;
import eu.impala.local.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class CampaignLifecycleTest {

    @Inject
    CampaignSchedule schedule;

    @Test
    void aDraftIsCreatedWithLocationAndETagAndAReplayChangesNothing() {
        String slug = TestCampaigns.slug("draft");
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(TestCampaigns.body(slug, ",\"goal\":100"))
                .post("/api/v1/campaigns")
                .then().statusCode(201).header("ETag", "\"1\"").header("Location", containsString("/api/v1/campaigns/"))
                .body("status", equalTo("DRAFT")).body("slug", equalTo(slug)).body("goal", equalTo(100))
                .extract().path("id");
        given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(TestCampaigns.body(slug, ",\"goal\":100"))
                .post("/api/v1/campaigns")
                .then().statusCode(201).body("id", equalTo(first));
        given().auth().oauth2(token("secretariat")).queryParam("status", "DRAFT").queryParam("limit", 500)
                .get("/api/v1/campaigns").then().statusCode(200).body("items.slug", hasItem(slug));
    }

    @Test
    void aSlugAlreadyUsedIsAConflict() {
        String slug = TestCampaigns.slug("taken");
        TestCampaigns.draft(TestCampaigns.body(slug, ""));
        given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON).body(TestCampaigns.body(slug, ""))
                .post("/api/v1/campaigns")
                .then().statusCode(409).contentType("application/problem+json").body("errors[0].field", equalTo("slug"));
    }

    @Test
    void invalidCampaignsAreRefusedWithEveryFieldNamed() {
        given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON)
                .body("{\"slug\":\"Not A Slug\",\"summary\":\"s\",\"body\":\"b\",\"topic\":\"DIGITAL_MARKETS\","
                        + "\"kind\":\"DECLARATION\",\"goal\":0,\"eligibility\":{\"countries\":[\"XX\"],\"memberKinds\":[\"ROBOT\"]}}")
                .post("/api/v1/campaigns")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("slug")).body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("goal")).body("errors.field", hasItem(startsWith("eligibility.countries")))
                .body("errors.field", hasItem(startsWith("eligibility.memberKinds")));
        given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON)
                .body(TestCampaigns.body(TestCampaigns.slug("dates"),
                        ",\"opensAt\":\"2027-02-01T00:00:00Z\",\"closesAt\":\"2027-01-01T00:00:00Z\""))
                .post("/api/v1/campaigns")
                .then().statusCode(400).body("errors[0].field", equalTo("closesAt"));
        given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON)
                .body(TestCampaigns.body(TestCampaigns.slug("topic"), "").replace("DIGITAL_MARKETS", "KARAOKE"))
                .post("/api/v1/campaigns")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON).body("{\"slug\":")
                .post("/api/v1/campaigns").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token("secretariat")).contentType(ContentType.TEXT).body("slug=x")
                .post("/api/v1/campaigns").then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void onlyTheSecretariatManagesCampaigns() {
        given().auth().oauth2(token("fr-admin")).contentType(ContentType.JSON)
                .body(TestCampaigns.body(TestCampaigns.slug("forbidden"), "")).post("/api/v1/campaigns")
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(TestCampaigns.body(TestCampaigns.slug("anon"), ""))
                .post("/api/v1/campaigns").then().statusCode(401);
        given().auth().oauth2(token("label-admin")).get("/api/v1/campaigns").then().statusCode(403);
    }

    @Test
    void aStaleETagIsPreconditionFailedAndAFreshOneApplies() {
        String slug = TestCampaigns.slug("etag");
        UUID id = TestCampaigns.draft(TestCampaigns.body(slug, ""));
        String changed = TestCampaigns.body(slug, ",\"goal\":50").replace("Fair digital deals", "Fairer digital deals");
        given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(changed).put("/api/v1/campaigns/" + id)
                .then().statusCode(200).header("ETag", "\"2\"").body("title", equalTo("Fairer digital deals"));
        given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(changed).put("/api/v1/campaigns/" + id)
                .then().statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON).body(changed)
                .put("/api/v1/campaigns/" + id).then().statusCode(428);
    }

    @Test
    void publishingAnnouncesTheCampaignOnKafkaWithItsCloudEventsHeaders() throws Exception {
        UUID id = TestCampaigns.draft(TestCampaigns.body(TestCampaigns.slug("announce"),
                ",\"eligibility\":{\"memberKinds\":[\"COMPANY\"],\"countries\":[\"FR\",\"BE\"]}"));
        try (KafkaProbe probe = KafkaProbe.reading(CampaignsTestServers.kafka(), CampaignEvents.TOPIC)) {
            TestCampaigns.move(id, "PUBLISHED");
            ConsumerRecord<String, String> event = probe.await(r -> id.toString().equals(r.key())
                    && CampaignEvents.PUBLISHED.equals(KafkaProbe.header(r, "ce_type")), Duration.ofSeconds(30));
            assertEquals("/campaigns-service", KafkaProbe.header(event, "ce_source"));
            assertEquals(id.toString(), KafkaProbe.header(event, "ce_subject"));
            assertEquals("1.0", KafkaProbe.header(event, "ce_specversion"));
            assertTrue(EventSchemas.validate("campaign-published.v1", event.value()).isEmpty(), event.value());
            assertTrue(event.value().contains("\"countries\":[\"BE\",\"FR\"]") || event.value().contains("\"countries\":[\"FR\",\"BE\"]"),
                    event.value());

            TestCampaigns.move(id, "CLOSED");
            ConsumerRecord<String, String> closed = probe.await(r -> id.toString().equals(r.key())
                    && CampaignEvents.CLOSED.equals(KafkaProbe.header(r, "ce_type")), Duration.ofSeconds(30));
            assertTrue(EventSchemas.validate("campaign-closed.v1", closed.value()).isEmpty(), closed.value());
        }
    }

    @Test
    void anIllegalTransitionIsAConflictNamingTheAllowedOnes() {
        UUID id = TestCampaigns.draft(TestCampaigns.body(TestCampaigns.slug("illegal"), ""));
        given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON).body("{\"status\":\"CLOSED\"}")
                .post("/api/v1/campaigns/" + id + "/status")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("PUBLISHED"));
        TestCampaigns.move(id, "PUBLISHED");
        TestCampaigns.move(id, "CLOSED");
        TestCampaigns.move(id, "ARCHIVED");
        given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON).body("{\"status\":\"PUBLISHED\"}")
                .post("/api/v1/campaigns/" + id + "/status")
                .then().statusCode(409).body("detail", containsString("none (final)"));
        given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON).header("If-Match", "\"4\"")
                .body(TestCampaigns.body(TestCampaigns.slug("late"), "")).put("/api/v1/campaigns/" + id)
                .then().statusCode(409);
    }

    @Test
    void onlyADraftIsDeleted() {
        UUID draft = TestCampaigns.draft(TestCampaigns.body(TestCampaigns.slug("delete"), ""));
        given().auth().oauth2(token("secretariat")).header("If-Match", "\"1\"").delete("/api/v1/campaigns/" + draft)
                .then().statusCode(204);
        given().auth().oauth2(token("secretariat")).get("/api/v1/campaigns/" + draft).then().statusCode(404);
        UUID live = TestCampaigns.published(TestCampaigns.slug("keep"), "");
        given().auth().oauth2(token("secretariat")).header("If-Match", "\"2\"").delete("/api/v1/campaigns/" + live)
                .then().statusCode(409);
    }

    @Test
    void theScheduleOpensAndClosesCampaignsWhenTheirTimeComes() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID opening = TestCampaigns.draft(TestCampaigns.body(TestCampaigns.slug("opening"),
                ",\"opensAt\":\"" + now.minusMinutes(1) + "\""));
        UUID future = TestCampaigns.draft(TestCampaigns.body(TestCampaigns.slug("future"),
                ",\"opensAt\":\"" + now.plusDays(1) + "\""));
        UUID closing = TestCampaigns.published(TestCampaigns.slug("closing"),
                ",\"closesAt\":\"" + now.plusSeconds(2) + "\"");

        schedule.run().await().atMost(Duration.ofSeconds(30));
        status(opening, "PUBLISHED");
        status(future, "DRAFT");
        status(closing, "PUBLISHED");

        awaitClosed(closing);
        status(future, "DRAFT");
    }

    private void awaitClosed(UUID id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            schedule.run().await().atMost(Duration.ofSeconds(30));
            String status = given().auth().oauth2(token("secretariat")).get("/api/v1/campaigns/" + id).path("status");
            if ("CLOSED".equals(status)) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("campaign " + id + " was never closed by its schedule");
    }

    private static void status(UUID id, String expected) {
        given().auth().oauth2(token("secretariat")).get("/api/v1/campaigns/" + id)
                .then().statusCode(200).body("status", equalTo(expected));
    }
}
