package eu.impala.membership.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.local.KafkaProbe;
import eu.impala.local.KeycloakTokens;
import eu.impala.local.EventSchemas;
import eu.impala.membership.MembershipTestServers;
import eu.impala.membership.TestMembers;
import eu.impala.membership.contact.ContactEvents;
import eu.impala.membership.member.MemberEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class SyncTest {

    @BeforeEach
    void demoAssociationsAreRegistered() {
        // the demo users' tokens name FR and DE: they act for associations that exist
        TestMembers.demoAssociations();
    }

    static final String FR = TestMembers.FR;
    static final String DE = TestMembers.DE;
    private static final String PROBLEM = "application/problem+json";
    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();

    @Inject
    Pool pool;

    static String record(String externalId, String name, String country, String... contactEmails) {
        StringBuilder contacts = new StringBuilder();
        for (String email : contactEmails) {
            contacts.append(contacts.length() == 0 ? "" : ",").append("{\"name\":\"Person ").append(email)
                    .append("\",\"email\":\"").append(email).append("\",\"language\":\"fr\",\"consents\":{\"campaigns\":true}}");
        }
        return "{\"externalId\":\"" + externalId + "\",\"kind\":\"COMPANY\",\"legalName\":\"" + name + " SARL\","
                + "\"displayName\":\"" + name + "\",\"country\":\"" + country + "\",\"contacts\":[" + contacts + "]}";
    }

    static String batch(String... records) {
        return "{\"records\":[" + String.join(",", records) + "]}";
    }

    static Response sync(String token, String association, String query, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/associations/" + association + "/sync" + query);
    }

    static String admin() {
        return TOKENS.demoUser("secretariat");
    }

    @Test
    void aSyncCreatesUpdatesAndLeavesUnchangedRecordsAloneWithoutEvents() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String fr = TOKENS.demoUser("fr-admin");
        Response first = sync(fr, FR, "", batch(record(tag + "-1", "Because", "FR", "a-" + tag + "@because.fr"),
                record(tag + "-2", "Tricatel", "FR"), record(tag + "-3", "Ed Banger", "FR")));
        first.then().statusCode(200).body("summary.created", is(3)).body("summary.total", is(3))
                .body("results.result", is(List.of("created", "created", "created")))
                .header("Content-Location", containsString("/sync/runs/"));
        String unchangedId = first.path("results[2].memberId");

        try (KafkaProbe probe = KafkaProbe.reading(MembershipTestServers.kafka(), MemberEvents.TOPIC, ContactEvents.TOPIC)) {
            Response second = sync(fr, FR, "", batch(
                    record(tag + "-1", "Because Music", "FR", "a-" + tag + "@because.fr"),
                    record(tag + "-2", "Tricatel", "FR", "b-" + tag + "@tricatel.fr"),
                    record(tag + "-3", "Ed Banger", "FR")));
            second.then().statusCode(200)
                    .body("results.result", is(List.of("updated", "updated", "unchanged")))
                    .body("results[0].changedFields", is(List.of("legalName", "displayName")))
                    .body("results[1].changedFields", is(List.of("contacts")))
                    .body("summary.unchanged", is(1));
            String tricatel = second.path("results[1].memberId");
            var added = probe.await(r -> ContactEvents.ADDED.equals(KafkaProbe.header(r, "ce_type"))
                    && tricatel.equals(r.key()), Duration.ofSeconds(30));
            assertTrue(EventSchemas.validate("contact-added.v1", added.value()).isEmpty(), added.value());
            assertTrue(added.value().contains("\"consents\":{\"campaigns\":true}"), added.value());
            assertTrue(probe.seen().stream().noneMatch(r -> unchangedId.equals(r.key())
                    && r.timestamp() >= System.currentTimeMillis() - 10_000
                    && MemberEvents.UPDATED.equals(KafkaProbe.header(r, "ce_type"))), "no event for the unchanged record");
        }
        assertEquals(1L, count("select count(*) from member_journal where member_id = $1", UUID.fromString(unchangedId)),
                "the unchanged record has only its creation in history");
    }

    @Test
    void aResyncPutsBackWhatWasChangedSinceTheLastSyncOutsideIt() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String body = batch(record(tag, "Kept In Step", "FR", "k-" + tag + "@kept.fr"));
        String member = sync(admin(), FR, "", body).then().statusCode(200).extract().path("results[0].memberId");
        sync(admin(), FR, "", body).then().statusCode(200).body("results[0].result", is("unchanged"));
        String contact = pool.preparedQuery("select id::text from contact where member_id = $1")
                .execute(Tuple.of(UUID.fromString(member))).await().atMost(Duration.ofSeconds(30))
                .iterator().next().getString(0);
        given().auth().oauth2(admin()).header("If-Match", "\"1\"")
                .delete("/api/v1/members/" + member + "/contacts/" + contact).then().statusCode(204);

        sync(admin(), FR, "", body).then().statusCode(200).body("results[0].result", is("updated"))
                .body("results[0].changedFields", is(List.of("contacts")));
        sync(admin(), FR, "", body).then().statusCode(200).body("results[0].result", is("unchanged"));
        assertEquals(1L, count("select count(*) from contact where member_id = $1", UUID.fromString(member)));
    }

    @Test
    void aDryRunReturnsTheDiffAndChangesNothing() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        sync(admin(), FR, "?dryRun=true", batch(record(tag + "-dry", "Dry Run Records", "FR")))
                .then().statusCode(200).body("dryRun", is(true)).body("results[0].result", is("created"));
        given().auth().oauth2(admin()).queryParam("q", "Dry Run Records").get("/api/v1/members")
                .then().body("items.size()", is(0));
        assertEquals(0L, count("select count(*) from member_external_ref where external_id = $1", tag + "-dry"));
    }

    @Test
    void aSnapshotLapsesAbsentMembersButRefusesToLapseTooManyUnlessForced() {
        String association = TestMembers.newAssociation().toString();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(record("m" + i, "Snapshot Label " + i, "NL"));
        }
        sync(admin(), association, "", batch(all.toArray(new String[0]))).then().statusCode(200).body("summary.created", is(20));

        sync(admin(), association, "?mode=snapshot", batch(all.subList(0, 19).toArray(new String[0])))
                .then().statusCode(200).body("summary.lapsed", is(1)).body("summary.unchanged", is(19))
                .body("results.find { it.result == 'lapsed' }.externalId", is("m19"));

        sync(admin(), association, "?mode=snapshot", batch(all.subList(0, 10).toArray(new String[0])))
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("9 of the association's 19"));
        sync(admin(), association, "?mode=snapshot&dryRun=true", batch(all.subList(0, 10).toArray(new String[0])))
                .then().statusCode(200).body("thresholdExceeded", is(true)).body("summary.lapsed", is(9));
        sync(admin(), association, "?mode=snapshot&force=true", batch(all.subList(0, 10).toArray(new String[0])))
                .then().statusCode(200).body("summary.lapsed", is(9));

        // listed again: renewed
        sync(admin(), association, "", batch(all.get(19))).then().statusCode(200)
                .body("results[0].result", is("updated")).body("results[0].changedFields", hasItem("status"));
        // listed again with a change: updated and renewed in one operation, both in history, one feed entry
        String changed = sync(admin(), association, "", batch(record("m18", "Snapshot Label 18 Renamed", "NL")))
                .then().statusCode(200).body("results[0].result", is("updated"))
                .body("results[0].changedFields", hasItem("status")).body("results[0].changedFields", hasItem("displayName"))
                .extract().path("results[0].memberId");
        given().auth().oauth2(admin()).get("/api/v1/members/" + changed + "/history").then().statusCode(200)
                .body("items.action", is(List.of("created", "status-changed", "updated", "status-changed")))
                .body("items[3].reason", containsString("renewed"));
        given().auth().oauth2(admin()).get("/api/v1/associations/" + association + "/changes").then().statusCode(200)
                .body("items.findAll { it.memberId == '" + changed + "' }.change",
                        is(List.of("created", "status-changed", "status-changed")))
                .body("items.findAll { it.memberId == '" + changed + "' }.member.displayName",
                        is(List.of("Snapshot Label 18 Renamed", "Snapshot Label 18 Renamed", "Snapshot Label 18 Renamed")));
    }

    @Test
    void aReplayWithTheSameKeyReturnsTheFirstResultAndChangesNothing() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String body = batch(record(tag, "Replayed", "FR"));
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(admin()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/associations/" + FR + "/sync").then().statusCode(200).extract().path("runId");
        String second = given().auth().oauth2(admin()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/associations/" + FR + "/sync").then().statusCode(200)
                .body("results[0].result", is("created")).extract().path("runId");
        assertEquals(first, second);
        assertEquals(1L, count("select count(*) from sync_run where id = $1", UUID.fromString(first)));
        given().auth().oauth2(admin()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(batch(record(tag, "Other", "FR"))).post("/api/v1/associations/" + FR + "/sync")
                .then().statusCode(422).contentType(PROBLEM);
        given().auth().oauth2(admin()).get("/api/v1/associations/" + FR + "/sync/runs/" + first).then().statusCode(200)
                .body("runId", is(first)).body("results[0].externalId", is(tag));
        given().auth().oauth2(TOKENS.demoUser("de-admin")).get("/api/v1/associations/" + FR + "/sync/runs/" + first)
                .then().statusCode(403);
    }

    @Test
    void rejectedRecordsNameTheirFieldsAndNeverBlockTheValidOnes() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        sync(admin(), FR, "", batch(
                record(tag + "-ok", "Valid", "FR"),
                record(tag + "-bad", "Bad Country", "France"),
                "{\"externalId\":\"" + tag + "-noname\",\"kind\":\"COMPANY\",\"legalName\":\"\",\"displayName\":\"X\",\"country\":\"FR\"}",
                "{\"externalId\":\"" + tag + "-kind\",\"kind\":\"LABEL\",\"legalName\":\"a\",\"displayName\":\"X\",\"country\":\"FR\"}",
                record(tag + "-dup", "Dup One", "FR"), record(tag + "-dup", "Dup Two", "FR"),
                record(tag + "-mail", "Bad Mail", "FR", "not-an-email")))
                .then().statusCode(200)
                .body("summary.created", is(1)).body("summary.rejected", is(6))
                .body("results[1].errors[0].field", is("records[1].country"))
                .body("results[2].errors[0].field", is("records[2].legalName"))
                .body("results[3].errors[0].field", is("records[3].kind"))
                .body("results[4].errors[0].message", is("duplicate externalId in this batch"))
                .body("results[6].errors[0].field", is("records[6].contacts[0].email"));
    }

    @Test
    void badRequestsAsAWholeAreProblems() {
        sync(admin(), FR, "", "{\"records\": [").then().statusCode(400).contentType(PROBLEM);
        sync(admin(), FR, "", "{\"members\": []}").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("records"));
        sync(admin(), FR, "?mode=merge", batch()).then().statusCode(400).body("errors[0].field", is("mode"));
        StringBuilder many = new StringBuilder("{\"records\":[");
        for (int i = 0; i <= SyncBatch.MAX_RECORDS; i++) {
            many.append(i == 0 ? "" : ",").append("{}");
        }
        sync(admin(), FR, "", many.append("]}").toString()).then().statusCode(413).contentType(PROBLEM);
        given().auth().oauth2(admin()).contentType("application/xml").body("<records/>")
                .post("/api/v1/associations/" + FR + "/sync").then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void anAssociationSyncsOnlyItsOwnMembers() {
        sync(TOKENS.demoUser("fr-admin"), DE, "", batch()).then().statusCode(403).contentType(PROBLEM);
        sync(TOKENS.clientCredentials("sync-de", "sync-de-dev-secret"), FR, "", batch()).then().statusCode(403);
        sync(TOKENS.demoUser("label-admin"), FR, "", batch()).then().statusCode(403);
        given().contentType(ContentType.JSON).body(batch()).post("/api/v1/associations/" + FR + "/sync")
                .then().statusCode(401);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        sync(TOKENS.clientCredentials("sync-fr", "sync-fr-dev-secret"), FR, "", batch(record(tag, "Via Client", "FR")))
                .then().statusCode(200).body("summary.created", is(1)).body("actor", is("service-account-sync-fr"));
    }

    @Test
    void csvRowsAreSyncedAndTheirProblemsNameTheRow() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = String.join("\r\n",
                "externalId,kind,legalName,displayName,country,contactName,contactEmail,contactRole,contactConsents",
                tag + "-a,COMPANY,\"Label A, SAS\",Label A,FR,Anne,anne-" + tag + "@a.fr,PRIMARY,campaigns;newsletters",
                tag + "-a,,,,,Bob,bob-" + tag + "@a.fr,PRESS,",
                tag + "-b,COMPANY,Label B,Label B,XX,,,,",
                tag + "-c,ROBOT,Label C,Label C,FR,,,,",
                tag + "-d,COMPANY,Label D,Label D,FR,Dee,not-an-email,,");
        given().auth().oauth2(admin()).contentType("text/csv").body(csv)
                .post("/api/v1/associations/" + FR + "/sync").then().statusCode(200)
                .body("summary.created", is(1)).body("summary.rejected", is(3))
                .body("results[0].row", is(2)).body("results[0].result", is("created"))
                .body("results[1].errors[0].field", is("row 4: country"))
                .body("results[2].errors[0].field", is("row 5: kind"))
                .body("results[3].errors[0].field", is("row 6: contacts[0].email"));
        String id = given().auth().oauth2(admin()).queryParam("q", "Label A, SAS").get("/api/v1/members")
                .then().statusCode(200).extract().path("items[0].id");
        assertTrue(id != null);
        assertEquals(2L, count("select count(*) from contact where member_id = $1", UUID.fromString(id)));
        given().auth().oauth2(admin()).contentType("text/csv").body("name,country\nA,FR")
                .post("/api/v1/associations/" + FR + "/sync").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("row 1"));
        // the other CSV media type is read as CSV too (its header names the row), not refused
        given().auth().oauth2(admin()).contentType("application/csv")
                .body("name,country\nA,FR".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/associations/" + FR + "/sync").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("row 1"));
    }

    @Test
    void theDeltaFeedListsTheAssociationsChangesInOrderFromAKeptCursor() {
        String association = TestMembers.newAssociation().toString();
        sync(admin(), association, "", batch(record("f1", "Feed One", "PT"), record("f2", "Feed Two", "PT")))
                .then().statusCode(200);
        Response page = given().auth().oauth2(admin()).queryParam("limit", 1)
                .get("/api/v1/associations/" + association + "/changes");
        page.then().statusCode(200).body("items[0].change", is("created")).body("items[0].member.displayName", is("Feed One"))
                .body("more", is(true)).body("next", notNullValue());
        String cursor = page.path("next");
        sync(admin(), association, "", batch(record("f1", "Feed One Renamed", "PT", "one@feed.example"))).then().statusCode(200);
        // each entry shows the member as it is now: a mirror replaces its copy, the version tells which is newer
        given().auth().oauth2(admin()).queryParam("cursor", cursor)
                .get("/api/v1/associations/" + association + "/changes").then().statusCode(200)
                .body("items.change", is(List.of("created", "updated")))
                .body("items.member.displayName", is(List.of("Feed Two", "Feed One Renamed")))
                .body("items[1].member.version", is(2))
                .body("items[1].member.contacts.email", is(List.of("one@feed.example")))
                // consents only granted or not: their source may name the association whose sync recorded them
                .body("items[1].member.contacts[0].consents", is(Map.of("campaigns", true)))
                .body("more", is(false));
        given().auth().oauth2(TOKENS.demoUser("fr-admin")).get("/api/v1/associations/" + association + "/changes")
                .then().statusCode(403);
        given().auth().oauth2(admin()).queryParam("cursor", "garbage")
                .get("/api/v1/associations/" + association + "/changes").then().statusCode(400);
    }

    @Test
    void aMemberMovedToAnotherAssociationIsReportedMovedByTheOldOnesNextSyncAndNeverTakenBack() {
        String from = TestMembers.newAssociation().toString();
        String to = TestMembers.newAssociation().toString();
        sync(admin(), from, "", batch(record("mv-1", "Moving Label", "FR", "owner@moving.example"))).then().statusCode(200)
                .body("results[0].result", is("created"));
        String id = pool.preparedQuery("select member_id from member_external_ref where association_id = $1 and external_id = 'mv-1'")
                .execute(Tuple.of(UUID.fromString(from))).await().atMost(Duration.ofSeconds(30)).iterator().next()
                .getUUID(0).toString();

        // the secretariat moves the member to another association
        String etag = given().auth().oauth2(admin()).get("/api/v1/members/" + id).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"kind\":\"COMPANY\",\"legalName\":\"Moving Label SARL\",\"displayName\":\"Moving Label\","
                        + "\"country\":\"FR\",\"representedBy\":\"" + to + "\"}")
                .put("/api/v1/members/" + id).then().statusCode(200).body("representedBy", is(to));

        // the old association's routine sync, as it was and with a change: reported moved, nothing applied or created
        for (String name : List.of("Moving Label", "Moving Label Renamed")) {
            sync(admin(), from, "", batch(record("mv-1", name, "FR", "owner@moving.example"))).then().statusCode(200)
                    .body("results[0].result", is("moved"))
                    .body("results[0].memberId", nullValue())
                    .body("results[0].errors[0].field", is("externalId"))
                    .body("summary.moved", is(1)).body("summary.created", is(0)).body("summary.updated", is(0));
        }
        given().auth().oauth2(admin()).get("/api/v1/members/" + id).then().statusCode(200)
                .body("representedBy", is(to)).body("displayName", is("Moving Label"));
        assertEquals(1L, count("select count(*) from member where legal_name = $1", "Moving Label SARL"));
        // a snapshot of the old association does not lapse the member it no longer represents
        sync(admin(), from, "?mode=snapshot&force=true", batch(record("mv-2", "Staying Label", "FR"))).then().statusCode(200)
                .body("summary.lapsed", is(0));
        given().auth().oauth2(admin()).get("/api/v1/members/" + id).then().statusCode(200).body("status", is("ACTIVE"));
    }

    @Test
    void aFeedCursorBelongsToItsAssociationAndLastsAsLongAsTheChangesAfterIt() {
        String from = TestMembers.newAssociation().toString();
        String to = TestMembers.newAssociation().toString();
        // fd-2 is an artist: a natural person, whose erasure the feed must show too
        sync(admin(), from, "", batch(record("fd-1", "Feed Kept", "PT"),
                record("fd-2", "Feed Moved", "PT").replace("\"kind\":\"COMPANY\"", "\"kind\":\"ARTIST\"")))
                .then().statusCode(200).body("summary.created", is(2));
        sync(admin(), to, "", batch(record("fd-3", "Feed Elsewhere", "PT"))).then().statusCode(200);
        String cursor = given().auth().oauth2(admin()).get("/api/v1/associations/" + from + "/changes")
                .then().statusCode(200).body("items.change", is(List.of("created", "created"))).extract().path("next");
        String early = given().auth().oauth2(admin()).queryParam("limit", 1).get("/api/v1/associations/" + from + "/changes")
                .then().statusCode(200).body("more", is(true)).extract().path("next");

        // another association's cursor is not silently an empty page
        given().auth().oauth2(admin()).queryParam("cursor", cursor).get("/api/v1/associations/" + to + "/changes")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("cursor"))
                .body("detail", containsString("another association"));
        // cursors given out before the feed moved to the journal name positions that are gone: resynchronise
        for (String old : List.of("0", "17", from + ":0")) {
            given().auth().oauth2(admin()).queryParam("cursor", eu.impala.commons.paging.Cursor.encode(old))
                    .get("/api/v1/associations/" + from + "/changes").then().statusCode(410).contentType(PROBLEM)
                    .body("detail", containsString("resynchronise"));
        }
        given().auth().oauth2(admin()).queryParam("cursor", eu.impala.commons.paging.Cursor.encode(to + ":0"))
                .get("/api/v1/associations/" + from + "/changes").then().statusCode(400).contentType(PROBLEM);

        // a member moved away shows in the old feed as left-association (its id only), in the new one as updated
        String moved = pool.preparedQuery("select member_id from member_external_ref where association_id = $1 "
                        + "and external_id = 'fd-2'").execute(Tuple.of(UUID.fromString(from))).await()
                .atMost(Duration.ofSeconds(30)).iterator().next().getUUID(0).toString();
        String etag = given().auth().oauth2(admin()).get("/api/v1/members/" + moved).then().statusCode(200)
                .extract().header("ETag");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"kind\":\"ARTIST\",\"legalName\":\"Feed Moved\",\"displayName\":\"Feed Moved\","
                        + "\"country\":\"PT\",\"representedBy\":\"" + to + "\"}")
                .put("/api/v1/members/" + moved).then().statusCode(200);
        Response left = given().auth().oauth2(admin()).queryParam("cursor", cursor)
                .get("/api/v1/associations/" + from + "/changes");
        left.then().statusCode(200).body("items.change", is(List.of("left-association")))
                .body("items[0].memberId", is(moved)).body("items[0].member.id", is(moved))
                .body("items[0].member.displayName", nullValue());
        given().auth().oauth2(admin()).get("/api/v1/associations/" + to + "/changes").then().statusCode(200)
                .body("items.findAll { it.memberId == '" + moved + "' }.change", hasItem("updated"));
        String afterMove = left.path("next");

        // an erased member's entries keep its id and say it was erased, nothing more
        given().auth().oauth2(admin()).post("/api/v1/members/" + moved + "/erase").then().statusCode(204);
        given().auth().oauth2(admin()).get("/api/v1/associations/" + to + "/changes").then().statusCode(200)
                .body("items.findAll { it.memberId == '" + moved + "' }.change", hasItem("erased"))
                .body("items.findAll { it.memberId == '" + moved + "' }.member.displayName.findAll { it != null }",
                        is(List.of()));
        // in the old association's feed the member it no longer represents shows its id only, in every entry
        given().auth().oauth2(admin()).get("/api/v1/associations/" + from + "/changes").then().statusCode(200)
                .body("items.findAll { it.memberId == '" + moved + "' }.change", is(List.of("created", "left-association")))
                .body("items.findAll { it.memberId == '" + moved + "' }.member", is(List.of(Map.of("id", moved),
                        Map.of("id", moved))));

        // past the retention (the journal keeps the changes as history): a cursor whose next change is older is 410,
        // a read without a cursor starts with the changes still in reach, one from after them still reads
        pool.preparedQuery("update member_journal set at = at - interval '91 days' where feed_association = $1")
                .execute(Tuple.of(UUID.fromString(from))).await().atMost(Duration.ofSeconds(30));
        given().auth().oauth2(admin()).queryParam("cursor", early).get("/api/v1/associations/" + from + "/changes")
                .then().statusCode(410).contentType(PROBLEM).body("detail", containsString("resynchronise"));
        given().auth().oauth2(admin()).get("/api/v1/associations/" + from + "/changes").then().statusCode(200)
                .body("items.change", is(List.of("left-association")));
        given().auth().oauth2(admin()).queryParam("cursor", afterMove).get("/api/v1/associations/" + from + "/changes")
                .then().statusCode(200).body("items.size()", is(0));
        given().auth().oauth2(admin()).get("/api/v1/associations/" + to + "/changes").then().statusCode(200)
                .body("items.size()", is(3)); // another association's feed is untouched
    }

    @Test
    void aMembersHistoryListsItsOwnAndItsContactsEntriesOnceInOrderWhateverThePageSize() {
        String association = TestMembers.newAssociation().toString();
        String id = sync(admin(), association, "", batch(record("hi-1", "History One", "PT", "a@history.example",
                "b@history.example"))).then().statusCode(200).extract().path("results[0].memberId");
        sync(admin(), association, "", batch(record("hi-1", "History One Renamed", "PT", "a@history.example")))
                .then().statusCode(200).body("results[0].result", is("updated"));
        Response whole = given().auth().oauth2(admin()).get("/api/v1/members/" + id + "/history");
        whole.then().statusCode(200)
                .body("items.subject", is(List.of("MEMBER", "CONTACT", "CONTACT", "MEMBER", "CONTACT")))
                .body("items.action", is(List.of("created", "contact-added", "contact-added", "updated", "contact-removed")))
                .body("items[3].changes.displayName.after", is("History One Renamed"))
                .body("items[4].changes.email.before", is("b@history.example"));
        List<Object> ids = whole.path("items.id");
        List<Object> paged = new ArrayList<>();
        String cursor = null;
        do {
            Response page = given().auth().oauth2(admin()).queryParam("limit", 1)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/api/v1/members/" + id + "/history");
            page.then().statusCode(200).body("items.size()", is(1));
            paged.add(page.path("items[0].id"));
            cursor = page.path("next");
        } while (cursor != null);
        assertEquals(ids, paged, "one entry a page, each once, in order, across journal rows of several entries");
    }

    @Test
    void theListingsFirstPageGivesAFeedCursorTakenAtTheSameSnapshot() {
        String association = TestMembers.newAssociation().toString();
        sync(admin(), association, "", batch(record("ls-1", "Listed One", "PT"), record("ls-2", "Listed Two", "PT")))
                .then().statusCode(200);
        Response first = given().auth().oauth2(admin()).queryParam("association", association).queryParam("limit", 1)
                .get("/api/v1/members");
        first.then().statusCode(200).body("items.size()", is(1)).body("next", notNullValue())
                .body("feedCursor", notNullValue());
        String feedCursor = first.path("feedCursor");
        given().auth().oauth2(admin()).queryParam("association", association).queryParam("cursor", (String) first.path("next"))
                .get("/api/v1/members").then().statusCode(200).body("items.size()", is(1))
                .body("feedCursor", nullValue());
        // the listing already holds everything up to the cursor: following the feed from it adds only later changes
        given().auth().oauth2(admin()).queryParam("cursor", feedCursor).get("/api/v1/associations/" + association + "/changes")
                .then().statusCode(200).body("items.size()", is(0)).body("next", is(feedCursor));
        sync(admin(), association, "", batch(record("ls-3", "Listed Three", "PT"))).then().statusCode(200);
        given().auth().oauth2(admin()).queryParam("cursor", feedCursor).get("/api/v1/associations/" + association + "/changes")
                .then().statusCode(200).body("items.change", is(List.of("created")))
                .body("items[0].member.displayName", is("Listed Three"));
        // an association's own token gets one for its members; a listing across associations has none
        given().auth().oauth2(TOKENS.demoUser("fr-admin")).get("/api/v1/members").then().statusCode(200)
                .body("feedCursor", notNullValue());
        given().auth().oauth2(admin()).get("/api/v1/members").then().statusCode(200).body("feedCursor", nullValue());
    }

    @Test
    void createOnlyAddsAndUpdateOnlyUpdatesEachSkippingTheRest() {
        String association = TestMembers.newAssociation().toString();
        sync(admin(), association, "", batch(record("co-a", "Only A", "PT"))).then().statusCode(200);

        // create-only: the known record is skipped untouched (even changed), the new one created; a dry run says so first
        for (String query : List.of("?mode=create-only&dryRun=true", "?mode=create-only")) {
            sync(admin(), association, query, batch(record("co-a", "Only A Renamed", "PT"), record("co-b", "Only B", "PT")))
                    .then().statusCode(200).body("mode", is("create-only"))
                    .body("results.result", is(List.of("skipped", "created")))
                    .body("results[0].memberId", notNullValue())
                    .body("summary.skipped", is(1)).body("summary.created", is(1)).body("summary.updated", is(0));
        }
        given().auth().oauth2(admin()).queryParam("association", association).queryParam("q", "Only A")
                .get("/api/v1/members").then().statusCode(200).body("items.displayName", is(List.of("Only A")));

        // update-only: the known record is updated, the unknown one skipped and nothing created for it
        sync(admin(), association, "?mode=update-only", batch(record("co-a", "Only A Renamed", "PT"),
                record("co-c", "Only C", "PT"))).then().statusCode(200).body("mode", is("update-only"))
                .body("results.result", is(List.of("updated", "skipped")))
                .body("results[1].memberId", nullValue())
                .body("summary.skipped", is(1)).body("summary.updated", is(1)).body("summary.created", is(0));
        assertEquals(0L, count("select count(*) from member_external_ref where association_id = $1 "
                + "and external_id = 'co-c'", UUID.fromString(association)));
        assertEquals(2L, count("select count(*) from member where represented_by = $1", UUID.fromString(association)));
        sync(admin(), association, "?mode=everything", batch(record("co-a", "Only A", "PT"))).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", is("mode"));
    }

    private long count(String sql, Object param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param)).await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0);
    }
}
