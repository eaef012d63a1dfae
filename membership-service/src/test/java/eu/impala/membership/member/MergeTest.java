package eu.impala.membership.member;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.local.EventSchemas;
import eu.impala.local.KafkaProbe;
import eu.impala.local.KeycloakTokens;
import eu.impala.membership.MembershipTestServers;
import eu.impala.membership.TestMembers;
import eu.impala.membership.contact.ContactEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The secretariat merges a member registered twice: references, contacts, history, statuses and events, the
 * association's next syncs under either key, and every refusal, against the real database and broker.
 */
@QuarkusTest
class MergeTest {

    private static final String PROBLEM = "application/problem+json";
    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();

    @Inject
    Pool pool;

    @BeforeEach
    void demoAssociationsAreRegistered() {
        TestMembers.demoAssociations();
    }

    private static String admin() {
        return TOKENS.demoUser("secretariat");
    }

    /** A record with its contacts, each {@code email:ROLE}. */
    static String record(String key, String kind, String legalName, String... contacts) {
        StringBuilder list = new StringBuilder();
        for (String contact : contacts) {
            String[] parts = contact.split(":");
            list.append(list.length() == 0 ? "" : ",").append("{\"name\":\"Person ").append(parts[0])
                    .append("\",\"email\":\"").append(parts[0]).append("\",\"role\":\"").append(parts[1])
                    .append("\",\"language\":\"fr\"}");
        }
        return "{\"externalId\":\"" + key + "\",\"kind\":\"" + kind + "\",\"legalName\":\"" + legalName
                + "\",\"displayName\":\"" + legalName + "\",\"country\":\"FR\",\"contacts\":[" + list + "]}";
    }

    static Response sync(String association, String query, String... records) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"records\":[" + String.join(",", records) + "]}")
                .post("/api/v1/associations/" + association + "/sync" + query);
    }

    static Response merge(String token, String survivor, String ifMatch, String body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.post("/api/v1/members/" + survivor + "/merge");
    }

    static String mergeBody(String duplicate, Object version) {
        return "{\"duplicateId\":\"" + duplicate + "\"" + (version == null ? "" : ",\"duplicateVersion\":" + version)
                + ",\"reason\":\"the same label twice\"}";
    }

    static long version(String id) {
        return Long.parseLong(given().auth().oauth2(admin()).get("/api/v1/members/" + id).then().statusCode(200)
                .extract().header("ETag").replace("\"", ""));
    }

    @Test
    void aMergeMovesReferencesAndContactsRecordsItOnBothAndTellsTheOtherServices() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String association = TestMembers.newAssociation().toString();
        String survivorKey = "S-" + tag;
        String duplicateKey = "D-" + tag;
        JsonPath created = sync(association, "",
                record(survivorKey, "COMPANY", "Lumen " + tag + " SAS", "boss-" + tag + "@lumen.example:PRIMARY",
                        "shared-" + tag + "@lumen.example:PRESS"),
                record(duplicateKey, "COMPANY", "LUMEN " + tag, "owner-" + tag + "@lumen.example:PRIMARY",
                        "SHARED-" + tag + "@Lumen.example:BILLING", "extra-" + tag + "@lumen.example:LEGAL"))
                .then().statusCode(200).extract().jsonPath();
        String survivor = created.getString("results[0].memberId");
        String duplicate = created.getString("results[1].memberId");
        assertTrue(pairs().contains(pair(survivor, duplicate)), "the two are listed as a pair before");
        assertEquals(2, count(association), "both count before");

        long survivorVersion = version(survivor);
        long duplicateVersion = version(duplicate);
        try (KafkaProbe probe = KafkaProbe.reading(MembershipTestServers.kafka(), MemberEvents.TOPIC, ContactEvents.TOPIC)) {
            merge(admin(), survivor, "\"" + survivorVersion + "\"", mergeBody(duplicate, duplicateVersion))
                    .then().statusCode(200).header("ETag", is("\"" + (survivorVersion + 1) + "\""))
                    .body("id", is(survivor)).body("status", is("ACTIVE")).body("legalName", is("Lumen " + tag + " SAS"))
                    .body("$", not(org.hamcrest.Matchers.hasKey("mergedInto")));
            ConsumerRecord<String, String> merged = probe.await(r -> duplicate.equals(r.key())
                    && MemberEvents.MERGED.equals(KafkaProbe.header(r, "ce_type")), Duration.ofSeconds(30));
            assertTrue(EventSchemas.validate("member-merged.v1", merged.value()).isEmpty(), merged.value());
            assertEquals(Map.of("memberId", duplicate, "duplicateId", duplicate, "survivorId", survivor),
                    JsonPath.from(merged.value()).getMap("$"), "ids only, no personal data");
            // the moved contacts are announced under the survivor, the dropped one removed from the duplicate
            ConsumerRecord<String, String> moved = probe.await(r -> survivor.equals(r.key())
                    && ContactEvents.UPDATED.equals(KafkaProbe.header(r, "ce_type"))
                    && r.value().contains("owner-" + tag), Duration.ofSeconds(30));
            assertTrue(moved.value().contains("\"role\":\"OTHER\""), moved.value());
            probe.await(r -> duplicate.equals(r.key()) && ContactEvents.REMOVED.equals(KafkaProbe.header(r, "ce_type")),
                    Duration.ofSeconds(30));
        }

        // contacts: deduplicated by email whatever its case, the survivor's primary kept, the duplicate's demoted
        JsonPath contacts = given().auth().oauth2(admin()).get("/api/v1/members/" + survivor + "/contacts")
                .then().statusCode(200).extract().jsonPath();
        List<String> emails = contacts.getList("email");
        assertEquals(4, emails.size(), emails.toString());
        assertTrue(emails.containsAll(List.of("boss-" + tag + "@lumen.example", "shared-" + tag + "@lumen.example",
                "owner-" + tag + "@lumen.example", "extra-" + tag + "@lumen.example")), emails.toString());
        assertEquals("PRIMARY", contacts.getString("find { it.email.startsWith('boss') }.role"));
        assertEquals("OTHER", contacts.getString("find { it.email.startsWith('owner') }.role"));
        assertEquals("PRESS", contacts.getString("find { it.email.startsWith('shared') }.role"));
        assertEquals(0L, one("select count(*) from contact where member_id = $1", UUID.fromString(duplicate)).getLong(0));

        // the duplicate: MERGED, naming the survivor; its read leads there; its history says so, and so does the survivor's
        given().auth().oauth2(admin()).redirects().follow(false).get("/api/v1/members/" + duplicate).then()
                .statusCode(308).contentType(PROBLEM).header("Location", endsWith("/api/v1/members/" + survivor))
                .body("detail", containsString(survivor));
        given().auth().oauth2(admin()).get("/api/v1/members/" + duplicate + "/history").then().statusCode(200)
                .body("items.find { it.action == 'merged' }.changes.status.after", is("MERGED"))
                .body("items.find { it.action == 'merged' }.changes.mergedInto.after", is(survivor))
                .body("items.find { it.action == 'merged' }.reason", containsString("the same label twice"))
                // the contact dropped as the survivor's own is recorded where it was
                .body("items.action", hasItem("contact-removed"));
        given().auth().oauth2(admin()).get("/api/v1/members/" + survivor + "/history").then().statusCode(200)
                .body("items.action", hasItem("merged")).body("items.find { it.action == 'merged' }.changes.mergedFrom.after",
                        is(duplicate));
        given().auth().oauth2(admin()).queryParam("association", association).get("/api/v1/members").then()
                .statusCode(200).body("items.id", is(List.of(survivor)));
        given().auth().oauth2(admin()).queryParam("association", association).queryParam("status", "MERGED")
                .get("/api/v1/members").then().statusCode(200).body("items[0].id", is(duplicate))
                .body("items[0].mergedInto", is(survivor));
        // the association's feed tells its mirror the duplicate is gone
        given().auth().oauth2(admin()).get("/api/v1/associations/" + association + "/changes").then().statusCode(200)
                .body("items.findAll { it.memberId == '" + duplicate + "' }[-1].change", is("status-changed"))
                .body("items.findAll { it.memberId == '" + duplicate + "' }[-1].member.status", is("MERGED"))
                .body("items.findAll { it.memberId == '" + duplicate + "' }[-1].member.mergedInto", is(survivor));

        // references: both keys reach the survivor
        assertEquals(2L, one("select count(*) from member_external_ref where association_id = $1 and member_id = $2",
                UUID.fromString(association), UUID.fromString(survivor)).getLong(0));
        // the pair is no longer a duplicate, and the merged record no longer a member in the counts
        assertFalse(pairs().contains(pair(survivor, duplicate)), "the merged pair is not listed any more");
        assertEquals(1, count(association), "the merged record is not counted");
        given().auth().oauth2(admin()).queryParam("association", association).get("/api/v1/statistics/members").then()
                .body("byStatus", not(org.hamcrest.Matchers.hasKey("MERGED")));
        given().auth().oauth2(admin()).get("/api/v1/associations/" + association + "/summary").then().statusCode(200)
                .body("membersByStatus.ACTIVE", is(1)).body("membersByStatus", not(org.hamcrest.Matchers.hasKey("MERGED")));

        // the association's next sync under the duplicate's key updates the survivor, never the duplicate
        sync(association, "", record(duplicateKey, "COMPANY", "Lumen " + tag + " Records SAS",
                "boss-" + tag + "@lumen.example:PRIMARY")).then().statusCode(200)
                .body("results[0].result", is("updated")).body("results[0].memberId", is(survivor));
        given().auth().oauth2(admin()).get("/api/v1/members/" + survivor).then()
                .body("legalName", is("Lumen " + tag + " Records SAS"));
        given().auth().oauth2(admin()).redirects().follow(false).get("/api/v1/members/" + duplicate).then()
                .statusCode(308);
        // both keys in one batch reach one member: the second is refused, not applied twice
        sync(association, "", record(survivorKey, "COMPANY", "Lumen " + tag + " SAS", "boss-" + tag + "@lumen.example:PRIMARY"),
                record(duplicateKey, "COMPANY", "Lumen " + tag + " SAS", "boss-" + tag + "@lumen.example:PRIMARY"))
                .then().statusCode(200).body("results[0].result", is("updated"))
                .body("results[1].result", is("rejected"))
                .body("results[1].errors[0].message", containsString("same member"));
        // a snapshot listing one of the two keys keeps the member: it is listed
        sync(association, "?mode=snapshot", record(survivorKey, "COMPANY", "Lumen " + tag + " SAS",
                "boss-" + tag + "@lumen.example:PRIMARY")).then().statusCode(200)
                .body("summary.lapsed", is(0));
        given().auth().oauth2(admin()).get("/api/v1/members/" + survivor).then().body("status", is("ACTIVE"));

        // once merged, never again
        merge(admin(), survivor, "\"" + version(survivor) + "\"", mergeBody(duplicate, duplicateVersion + 1))
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("merged"));
        // and a merged member is no survivor either
        String other = sync(association, "", record("O-" + tag, "COMPANY", "Other " + tag)).then().statusCode(200)
                .extract().path("results[0].memberId");
        merge(admin(), duplicate, "\"" + (duplicateVersion + 1) + "\"", mergeBody(other, version(other)))
                .then().statusCode(409).contentType(PROBLEM);
        // nor is it changed any more: its survivor is; what it had stays readable
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", "\"" + (duplicateVersion + 1) + "\"")
                .body("{\"kind\":\"COMPANY\",\"legalName\":\"Again " + tag + "\",\"displayName\":\"Again\","
                        + "\"country\":\"FR\",\"representedBy\":\"" + association + "\"}")
                .put("/api/v1/members/" + duplicate).then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString(survivor));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"name\":\"Late\",\"email\":\"late-" + tag + "@lumen.example\",\"role\":\"PRESS\","
                        + "\"language\":\"fr\"}")
                .post("/api/v1/members/" + duplicate + "/contacts").then().statusCode(409).contentType(PROBLEM);
        given().auth().oauth2(admin()).get("/api/v1/members/" + duplicate + "/contacts").then().statusCode(200)
                .body("size()", is(0));
        // nor does its status move any more
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"status\":\"ACTIVE\",\"reason\":\"x\"}")
                .post("/api/v1/members/" + duplicate + "/status").then().statusCode(409).contentType(PROBLEM);
    }

    /** A record with one contact and its consents ({@code purpose → granted}, as JSON). */
    static String recordWithConsents(String key, String legalName, String email, String role, String consents) {
        return "{\"externalId\":\"" + key + "\",\"kind\":\"COMPANY\",\"legalName\":\"" + legalName
                + "\",\"displayName\":\"" + legalName + "\",\"country\":\"FR\",\"contacts\":[{\"name\":\"Person\","
                + "\"email\":\"" + email + "\",\"role\":\"" + role + "\",\"language\":\"fr\",\"consents\":" + consents
                + "}]}";
    }

    @Test
    void aWithdrawalOnTheDroppedContactStandsOnTheSurvivorsContact() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String association = TestMembers.newAssociation().toString();
        String email = "same-" + tag + "@consent.example";
        JsonPath created = sync(association, "",
                recordWithConsents("S-" + tag, "Consent " + tag + " SAS", email, "PRIMARY",
                        "{\"newsletters\":true,\"campaigns\":true}"),
                recordWithConsents("D-" + tag, "CONSENT " + tag, email.toUpperCase(), "PRIMARY",
                        "{\"newsletters\":false,\"campaigns\":true}"))
                .then().statusCode(200).extract().jsonPath();
        String survivor = created.getString("results[0].memberId");
        String duplicate = created.getString("results[1].memberId");
        JsonPath before = given().auth().oauth2(admin()).get("/api/v1/members/" + survivor + "/contacts")
                .then().statusCode(200).extract().jsonPath();
        long contactVersion = before.getLong("[0].version");
        String contactId = before.getString("[0].id");
        assertTrue(before.getBoolean("[0].consents.newsletters.granted"), "given on the survivor before");

        try (KafkaProbe probe = KafkaProbe.reading(MembershipTestServers.kafka(), ContactEvents.TOPIC)) {
            merge(admin(), survivor, "\"" + version(survivor) + "\"", mergeBody(duplicate, version(duplicate)))
                    .then().statusCode(200);
            ConsumerRecord<String, String> updated = probe.await(r -> survivor.equals(r.key())
                    && ContactEvents.UPDATED.equals(KafkaProbe.header(r, "ce_type"))
                    && r.value().contains(contactId), Duration.ofSeconds(30));
            JsonPath event = JsonPath.from(updated.value());
            assertFalse(event.getBoolean("consents.newsletters"), updated.value());
            assertTrue(event.getBoolean("consents.campaigns"), updated.value());
        }

        JsonPath after = given().auth().oauth2(admin()).get("/api/v1/members/" + survivor + "/contacts")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, after.getList("id").size());
        assertEquals(contactId, after.getString("[0].id"));
        assertEquals(email, after.getString("[0].email"), "the survivor's contact stays");
        assertFalse(after.getBoolean("[0].consents.newsletters.granted"), "the withdrawal stands");
        assertTrue(after.getBoolean("[0].consents.campaigns.granted"), "given on both, still given");
        assertEquals(contactVersion + 1, after.getLong("[0].version"));
        given().auth().oauth2(admin()).get("/api/v1/members/" + survivor + "/history").then().statusCode(200)
                .body("items.find { it.action == 'contact-updated' }.subjectId", is(contactId))
                .body("items.find { it.action == 'contact-updated' }.changes.consents.after.newsletters", is(false));
    }

    @Test
    void aMergeNeedsBothCurrentVersionsAndRefusesWhatIsNotOneMember() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String association = TestMembers.newAssociation().toString();
        JsonPath created = sync(association, "", record("A-" + tag, "COMPANY", "Alpha " + tag),
                record("B-" + tag, "COMPANY", "Alpha " + tag + " Ltd"), record("C-" + tag, "ARTIST", "Alpha " + tag))
                .then().statusCode(200).extract().jsonPath();
        String a = created.getString("results[0].memberId");
        String b = created.getString("results[1].memberId");
        String artist = created.getString("results[2].memberId");
        long va = version(a);
        long vb = version(b);
        String current = "\"" + va + "\"";

        merge(admin(), a, null, mergeBody(b, vb)).then().statusCode(428).contentType(PROBLEM);
        merge(admin(), a, current, mergeBody(b, null)).then().statusCode(428).contentType(PROBLEM)
                .body("detail", containsString("duplicateVersion"));
        merge(admin(), a, "\"" + (va + 5) + "\"", mergeBody(b, vb)).then().statusCode(412).contentType(PROBLEM);
        merge(admin(), a, current, mergeBody(b, vb + 5)).then().statusCode(412).contentType(PROBLEM);
        merge(admin(), a, current, mergeBody(a, va)).then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", is("duplicateId"));
        merge(admin(), a, current, mergeBody(artist, version(artist))).then().statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("ARTIST"));
        merge(admin(), a, current, mergeBody(association, version(association))).then().statusCode(422)
                .contentType(PROBLEM).body("detail", containsString("national association"));
        merge(admin(), a, current, mergeBody(UUID.randomUUID().toString(), 1)).then().statusCode(404).contentType(PROBLEM);
        merge(admin(), UUID.randomUUID().toString(), "\"1\"", mergeBody(b, vb)).then().statusCode(404).contentType(PROBLEM);
        merge(admin(), a, current, "{\"duplicateId\":\"not-a-uuid\",\"duplicateVersion\":1}").then().statusCode(400)
                .contentType(PROBLEM);
        merge(admin(), a, current, "{\"duplicateVersion\":1}").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", containsString("duplicateId"));
        merge(admin(), a, current, "{\"duplicateId\":\"" + b + "\",\"duplicateVersion\":1,\"extra\":true}")
                .then().statusCode(400).contentType(PROBLEM);
        // only the secretariat merges, whoever represents the members
        for (String user : List.of("fr-admin", "de-admin", "label-admin")) {
            merge(TOKENS.demoUser(user), a, current, mergeBody(b, vb)).then().statusCode(403).contentType(PROBLEM);
        }
        // nothing of that changed anything
        assertEquals(va, version(a));
        assertEquals(vb, version(b));
        given().auth().oauth2(admin()).get("/api/v1/members/" + b).then().statusCode(200).body("status", is("ACTIVE"))
                .body("mergedInto", nullValue());
    }

    private long count(String association) {
        return given().auth().oauth2(admin()).queryParam("association", association).get("/api/v1/statistics/members")
                .then().statusCode(200).extract().jsonPath().getLong("total");
    }

    private static String pair(String one, String two) {
        return one.compareTo(two) < 0 ? one + "/" + two : two + "/" + one;
    }

    /** Every pair of the secretariat's duplicates list, all pages. */
    private static List<String> pairs() {
        List<String> out = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(admin()).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/members/duplicates").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> item : items) {
                @SuppressWarnings("unchecked")
                String first = ((Map<String, Object>) item.get("first")).get("id").toString();
                @SuppressWarnings("unchecked")
                String second = ((Map<String, Object>) item.get("second")).get("id").toString();
                out.add(pair(first, second));
            }
            cursor = page.getString("next");
        } while (cursor != null);
        return out;
    }

    private Row one(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(30)).iterator().next();
    }
}
