package eu.impala.membership.gdpr;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.local.EventSchemas;
import eu.impala.local.KafkaProbe;
import eu.impala.local.KeycloakTokens;
import eu.impala.membership.MembershipTestServers;
import eu.impala.membership.TestMembers;
import eu.impala.membership.contact.ContactEvents;
import eu.impala.membership.member.MemberEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class GdprTest {

    @BeforeEach
    void demoAssociationsAreRegistered() {
        // the demo users' tokens name FR and DE: they act for associations that exist
        TestMembers.demoAssociations();
    }

    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();

    @Inject
    Pool pool;

    private String syncArtist(String association, String tag) {
        String body = "{\"records\":[{\"externalId\":\"" + tag + "\",\"kind\":\"ARTIST\",\"legalName\":\"Zoe " + tag
                + "\",\"displayName\":\"Zoe " + tag + "\",\"country\":\"FR\",\"website\":\"https://zoe-" + tag + ".example\","
                + "\"contacts\":[{\"name\":\"Zoe " + tag + "\",\"email\":\"zoe-" + tag + "@mail.example\",\"phone\":\"+33 6 12 34\"},"
                + "{\"name\":\"Manager " + tag + "\",\"email\":\"manager-" + tag + "@mail.example\"}]}]}";
        // with a key: the replay kept for a retry names the artist too, and must go with the erasure
        return given().auth().oauth2(TOKENS.demoUser("secretariat")).contentType(ContentType.JSON).body(body)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/associations/" + association + "/sync").then().statusCode(200)
                .extract().path("results[0].memberId");
    }

    @Test
    void theExportHoldsTheMemberItsContactsAndItsHistory() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String member = syncArtist(TestMembers.newAssociation().toString(), tag);
        given().auth().oauth2(TOKENS.demoUser("secretariat")).get("/api/v1/members/" + member + "/export")
                .then().statusCode(200)
                .body("member.displayName", is("Zoe " + tag))
                .body("externalReferences[0].externalId", is(tag))
                .body("contacts.email", hasItem("zoe-" + tag + "@mail.example"))
                .body("contacts[0].consents", is(java.util.Map.of()))
                .body("history.action", hasItem("created"))
                .body("history.action", hasItem("contact-added"))
                .body("associationFeed[0].change", is("created"));
        given().auth().oauth2(TOKENS.demoUser("label-admin")).get("/api/v1/members/" + member + "/export")
                .then().statusCode(404);
    }

    @Test
    void erasingAnArtistLeavesNoPersonalDataInThisService() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String association = TestMembers.newAssociation().toString();
        String member = syncArtist(association, tag);
        assertEquals(true, occurrences(tag) > 0, "the data is there before");

        try (KafkaProbe probe = KafkaProbe.reading(MembershipTestServers.kafka(), MemberEvents.TOPIC, ContactEvents.TOPIC)) {
            given().auth().oauth2(TOKENS.demoUser("fr-admin")).post("/api/v1/members/" + member + "/erase")
                    .then().statusCode(403);
            given().auth().oauth2(TOKENS.demoUser("secretariat")).post("/api/v1/members/" + member + "/erase")
                    .then().statusCode(204);
            var memberErased = probe.await(r -> member.equals(r.key())
                    && MemberEvents.ERASED.equals(KafkaProbe.header(r, "ce_type")), Duration.ofSeconds(30));
            var contactErased = probe.await(r -> member.equals(r.key())
                    && ContactEvents.ERASED.equals(KafkaProbe.header(r, "ce_type")), Duration.ofSeconds(30));
            org.junit.jupiter.api.Assertions.assertTrue(EventSchemas.validate("member-erased.v1",
                    memberErased.value()).isEmpty(), memberErased.value());
            org.junit.jupiter.api.Assertions.assertTrue(EventSchemas.validate("contact-erased.v1",
                    contactErased.value()).isEmpty(), contactErased.value());
        }
        // the relay marks the erasure events sent; wait so that nothing published remains unscrubbed
        Thread.sleep(500);
        assertEquals(0L, occurrences(tag), "no table holds the artist's name, email, phone or website any more");
        given().auth().oauth2(TOKENS.demoUser("secretariat")).get("/api/v1/members/" + member).then().statusCode(200)
                .body("displayName", is("(erased)"));
        given().auth().oauth2(TOKENS.demoUser("secretariat")).get("/api/v1/associations/" + association + "/changes")
                .then().body("items[-1].change", is("erased"));
    }

    @Test
    void erasingAContactRemovesOnlyThatPerson() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String member = syncArtist(TestMembers.newAssociation().toString(), tag);
        String manager = given().auth().oauth2(TOKENS.demoUser("secretariat")).get("/api/v1/members/" + member + "/contacts")
                .then().extract().path("find { it.email.startsWith('manager') }.id");
        given().auth().oauth2(TOKENS.demoUser("secretariat")).post("/api/v1/members/" + member + "/contacts/" + manager + "/erase")
                .then().statusCode(204);
        assertEquals(0L, occurrences("manager-" + tag), "the manager's email is nowhere");
        assertEquals(0L, occurrences("Manager " + tag), "the manager's name is nowhere");
        assertEquals(0L, pool.preparedQuery("select count(*) from member_external_ref where member_id = $1 "
                        + "and synced_fingerprint is not null").execute(Tuple.of(UUID.fromString(member)))
                        .await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0),
                "nor the digest of the synced record that listed the manager");
        given().auth().oauth2(TOKENS.demoUser("secretariat")).get("/api/v1/members/" + member + "/contacts")
                .then().body("size()", is(1));
    }

    @Test
    void aCompanyIsNotErasedAsAPerson() {
        String company = given().auth().oauth2(TOKENS.demoUser("secretariat")).contentType(ContentType.JSON)
                .body("{\"kind\":\"COMPANY\",\"legalName\":\"Corp Ltd\",\"displayName\":\"Corp\",\"country\":\"GB\"}")
                .post("/api/v1/members").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TOKENS.demoUser("secretariat")).post("/api/v1/members/" + company + "/erase")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void erasingAnArtistErasesTheRecordsMergedIntoItToo() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String association = TestMembers.newAssociation().toString();
        String survivor = syncArtist(association, tag);
        String duplicate = syncArtist(association, tag + "b");
        String admin = TOKENS.demoUser("secretariat");
        String etag = given().auth().oauth2(admin).get("/api/v1/members/" + survivor).then().extract().header("ETag");
        String version = given().auth().oauth2(admin).get("/api/v1/members/" + duplicate).then().extract().header("ETag")
                .replace("\"", "");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"duplicateId\":\"" + duplicate + "\",\"duplicateVersion\":" + version + "}")
                .post("/api/v1/members/" + survivor + "/merge").then().statusCode(200);
        assertTrue(occurrences(tag + "b") > 0, "the duplicate's data is there before, its contacts now the survivor's");

        try (KafkaProbe probe = KafkaProbe.reading(MembershipTestServers.kafka(), MemberEvents.TOPIC)) {
            given().auth().oauth2(admin).post("/api/v1/members/" + survivor + "/erase").then().statusCode(204);
            // the duplicate was the same person: erased with it, and the other services told of both
            probe.await(r -> survivor.equals(r.key()) && MemberEvents.ERASED.equals(KafkaProbe.header(r, "ce_type")),
                    Duration.ofSeconds(30));
            probe.await(r -> duplicate.equals(r.key()) && MemberEvents.ERASED.equals(KafkaProbe.header(r, "ce_type")),
                    Duration.ofSeconds(30));
        }
        assertEquals(0L, occurrences(tag), "no table holds either record's name, emails or website");
        given().auth().oauth2(admin).redirects().follow(false).get("/api/v1/members/" + duplicate).then()
                .statusCode(308);
        assertEquals("(erased)", pool.preparedQuery("select legal_name from member where id = $1")
                .execute(Tuple.of(UUID.fromString(duplicate))).await().atMost(Duration.ofSeconds(30)).iterator().next()
                .getString(0));
    }

    @Test
    void erasingAContactMovedByAMergeScrubsItsHistoryUnderTheMemberItCameFrom() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String admin = TOKENS.demoUser("secretariat");
        String survivor = TestMembers.register(admin, TestMembers.body("Keep " + tag, "FR", null)).then().statusCode(201)
                .extract().path("id");
        String duplicate = TestMembers.register(admin, TestMembers.body("Keep " + tag + " SAS", "FR", null)).then()
                .statusCode(201).extract().path("id");
        String email = "moved-" + tag + "@mail.example";
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\"Moved " + tag + "\",\"email\":\"" + email + "\",\"role\":\"PRIMARY\",\"language\":\"fr\"}")
                .post("/api/v1/members/" + duplicate + "/contacts").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"duplicateId\":\"" + duplicate + "\",\"duplicateVersion\":2}")
                .post("/api/v1/members/" + survivor + "/merge").then().statusCode(200);
        String contact = given().auth().oauth2(admin).get("/api/v1/members/" + survivor + "/contacts").then()
                .statusCode(200).extract().path("find { it.email == '" + email + "' }.id");
        given().auth().oauth2(admin).post("/api/v1/members/" + survivor + "/contacts/" + contact + "/erase")
                .then().statusCode(204);
        assertEquals(0L, occurrences(email), "the email is nowhere, the duplicate's journal included");
        assertEquals(0L, occurrences("Moved " + tag), "nor the name");
    }

    /** In every table of this service, whatever a migration adds. */
    private long occurrences(String text) {
        List<String> tables = new java.util.ArrayList<>();
        pool.query("select table_name from information_schema.tables where table_schema = current_schema() "
                        + "and table_type = 'BASE TABLE'").execute().await().atMost(Duration.ofSeconds(30))
                .forEach(row -> tables.add(row.getString(0)));
        assertTrue(tables.containsAll(List.of("member", "contact", "member_journal", "member_external_ref",
                "outbox_event", "idempotency_key", "sync_run")), "tables scanned: " + tables);
        long total = 0;
        for (String table : tables) {
            total += pool.preparedQuery("select count(*) from " + table + " t where t::text ilike '%' || $1 || '%'")
                    .execute(Tuple.of(text)).await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0);
        }
        return total;
    }
}
