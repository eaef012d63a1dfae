package eu.impala.notifications.announcement;

import static eu.impala.notifications.NotificationsTestServers.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.local.EventSchemas;
import eu.impala.local.KafkaProbe;
import eu.impala.local.MailServer;
import eu.impala.notifications.NotificationsTestServers;
import eu.impala.notifications.TestDb;
import eu.impala.notifications.TestEvents;
import eu.impala.notifications.notification.DeliveryWorker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Announcements against the real SMTP server, Kafka and PostgreSQL: whom a segment selects (each dimension, and an
 * association's admin never beyond its own members), consents, per-topic preferences and digests, each contact's
 * language with fallback, the one-click unsubscribe and its count, preview counts equal to what is sent, test-sends,
 * scheduling and cancelling, conflicts and validation, the {@code announcement.sent} event and the statistics.
 * Each test's members belong to an association of its own (or carry a tag), so that tests do not see each other.
 */
@QuarkusTest
class AnnouncementTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PATH = "/api/v1/notifications/announcements";
    private static final String PROBLEM = "application/problem+json";
    private static final Pattern LINK = Pattern.compile("^<(http://127\\.0\\.0\\.1:8080/api/v1/notifications/unsubscribe"
            + "\\?token=([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+))>");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Inject
    DeliveryWorker worker;

    @Test
    void eachDimensionOfTheSegmentSelectsItsMembersAndThePreviewCountsWhatIsSent() {
        UUID association = UUID.randomUUID();
        String tag = association.toString().substring(0, 8);
        UUID micro = member(association, "COMPANY", "DIRECT", "MICRO", "XA", "ACTIVE");
        UUID small = member(association, "ARTIST", "REPRESENTED", "SMALL", "XB", "ACTIVE");
        UUID none = member(association, "COMPANY", "DIRECT", null, "XA", "ACTIVE");
        UUID suspended = member(association, "COMPANY", "ASSOCIATE", "MEDIUM", "XA", "SUSPENDED");
        contact(micro, "micro-primary-" + tag, "en", "PRIMARY", false);
        contact(micro, "micro-press-" + tag, "fr", "PRESS", false);
        contact(small, "small-primary-" + tag, "de", "PRIMARY", false);
        contact(none, "none-primary-" + tag, "en", "PRIMARY", false);
        contact(suspended, "suspended-primary-" + tag, "en", "PRIMARY", false);
        awaitContacts(tag, 5);

        String a = "\"associations\":[\"" + association + "\"]";
        // members (ACTIVE unless statuses says otherwise) and contacts, per dimension
        assertPreview("{" + a + "}", 3, 4);
        assertPreview("{" + a + ",\"memberKinds\":[\"ARTIST\"]}", 1, 1);
        assertPreview("{" + a + ",\"categories\":[\"DIRECT\"]}", 2, 3);
        assertPreview("{" + a + ",\"sizeClasses\":[\"MICRO\"]}", 1, 2);
        // a member without a size class is left out by a size-class filter
        assertPreview("{" + a + ",\"sizeClasses\":[\"MICRO\",\"SMALL\",\"MEDIUM\"]}", 2, 3);
        assertPreview("{" + a + ",\"countries\":[\"XB\"]}", 1, 1);
        assertPreview("{" + a + ",\"statuses\":[\"SUSPENDED\"]}", 1, 1);
        assertPreview("{" + a + ",\"statuses\":[\"ACTIVE\",\"SUSPENDED\"],\"contactRoles\":[\"PRIMARY\"]}", 4, 4);
        assertPreview("{\"associations\":[\"" + UUID.randomUUID() + "\"]}", 0, 0);

        // sent: exactly the previewed contacts get it (MEMBERSHIP needs no newsletters consent)
        String segment = "{" + a + ",\"sizeClasses\":[\"MICRO\",\"SMALL\"]}";
        Created draft = create("secretariat", "MEMBERSHIP", Map.of("en", "Segment " + tag), segment);
        JsonNode preview = preview("secretariat", draft.id, null);
        assertEquals(3, preview.path("email").asInt(), preview.toString());
        assertEquals(2, preview.path("inApp").asInt());
        assertEquals(Map.of("en", 3), JSON.convertValue(preview.path("byLanguage"), Map.class), preview.toString());
        send("secretariat", draft, "{}").statusCode(202).body("status", is("SCHEDULED"));
        List<MailServer.Received> got = MailServer.forTests().await(m -> m.subject().equals("Segment " + tag), 3, WAIT);
        assertEquals(List.of("de-" + tag, "micro-press-" + tag, "micro-primary-" + tag).size(), got.size());
        awaitStatus(draft.id, "SENT");
        given().auth().oauth2(token("secretariat")).get(PATH + "/" + draft.id + "/statistics").then().statusCode(200)
                .body("recipients", is(3)).body("inApp", is(2)).body("status", is("SENT"));
        assertTrue(got.stream().anyMatch(m -> m.to().contains("small-primary-" + tag)));
        assertTrue(got.stream().anyMatch(m -> m.to().contains("micro-press-" + tag)));
        assertTrue(got.stream().anyMatch(m -> m.to().contains("micro-primary-" + tag)));
        // in the app: one notice per member, titled in the reader's language
        assertEquals(2, TestDb.count(pool, "select count(*) from notification where event_id = $1 and channel = 'IN_APP'",
                draft.id));
    }

    @Test
    void consentsPreferencesDigestsAndLanguagesDecideWhoGetsWhatAndTheLinkUnsubscribes() throws Exception {
        UUID association = UUID.randomUUID();
        String tag = association.toString().substring(0, 8);
        UUID m = member(association, "COMPANY", "DIRECT", "SMALL", "XC", "ACTIVE");
        contact(m, "en-" + tag, "en", "PRIMARY", true);
        contact(m, "fr-" + tag, "fr", "PRESS", true);
        UUID italian = contact(m, "it-" + tag, "it", "LEGAL", true);
        contact(m, "refused-" + tag, "en", "OTHER", false);
        UUID quiet = contact(m, "quiet-" + tag, "en", "OTHER", true);
        UUID daily = contact(m, "daily-" + tag, "fr", "OTHER", true);
        awaitContacts(tag, 6);
        preferences(quiet, "{\"channels\":{\"NEWSLETTERS\":[\"IN_APP\"]},\"digest\":\"IMMEDIATE\"}");
        preferences(daily, "{\"channels\":{},\"digest\":\"DAILY\"}");

        String segment = "{\"associations\":[\"" + association + "\"]}";
        // French first, English given too: English is the default (an Italian reader gets it)
        String body = "Vote on **Tuesday**.\n\n<script>alert(1)</script>\n\n[ok](https://www.impalamusic.org/vote) "
                + "[bad](javascript:alert(1))";
        Created draft = create("secretariat", "NEWSLETTERS", "{\"fr\":{\"title\":\"Vote mardi " + tag + "\",\"body\":\"Vote "
                + "**mardi**.\"},\"en\":{\"title\":\"Vote on Tuesday " + tag + "\",\"body\":" + JSON.writeValueAsString(body)
                + "}}", segment);
        JsonNode preview = preview("secretariat", draft.id, "fr");
        assertEquals(1, preview.path("members").asInt(), preview.toString());
        assertEquals(6, preview.path("contacts").asInt(), preview.toString());
        assertEquals(4, preview.path("email").asInt(), preview.toString());
        assertEquals(Map.of("en", 2, "fr", 2), JSON.convertValue(preview.path("byLanguage"), Map.class));
        assertEquals("Vote mardi " + tag, preview.at("/sample/subject").asText());
        assertTrue(preview.at("/sample/html").asText().contains("<strong>mardi</strong>"), preview.toString());

        try (KafkaProbe events = KafkaProbe.reading(NotificationsTestServers.kafka(), AnnouncementEvents.TOPIC)) {
            send("secretariat", draft, "{}").statusCode(202);
            MailServer.Received en = awaitMail("en-" + tag, "Vote on Tuesday " + tag);
            MailServer.Received fr = awaitMail("fr-" + tag, "Vote mardi " + tag);
            MailServer.Received it = awaitMail("it-" + tag, "Vote on Tuesday " + tag);
            assertTrue(fr.text().contains("Vote mardi"), fr.text());
            assertTrue(fr.text().contains("Vous recevez les lettres d'information d'IMPALA"), fr.text());
            assertTrue(it.text().contains("You receive IMPALA newsletters because you agreed to them."), it.text());
            // raw HTML and unsafe links arrive as text, never as markup
            assertFalse(en.html().contains("<script"), en.html());
            assertTrue(en.html().contains("&lt;script&gt;"), en.html());
            assertFalse(en.html().contains("javascript:"), en.html());
            assertTrue(en.html().contains("href=\"https://www.impalamusic.org/vote\">ok</a>"), en.html());
            assertTrue(en.html().contains("<strong>Tuesday</strong>"), en.html());

            ConsumerRecord<String, String> sent = events.await(r -> r.key().equals(draft.id.toString()), WAIT);
            assertEquals(AnnouncementEvents.SENT, KafkaProbe.header(sent, "ce_type"));
            assertTrue(EventSchemas.validate("announcement-sent.v1", sent.value()).isEmpty(), sent.value());
            JsonNode data = JSON.readTree(sent.value());
            assertEquals(1, data.path("members").asInt());
            assertEquals(4, data.path("emails").asInt());
            assertEquals(1, data.path("inApp").asInt());
            assertFalse(sent.value().contains("@") || sent.value().contains("Vote"), sent.value());

            // the header's one-click link: a tampered token is refused, the real one turns NEWSLETTERS emails off
            assertEquals("List-Unsubscribe=One-Click", en.header("List-Unsubscribe-Post"));
            Matcher link = LINK.matcher(en.header("List-Unsubscribe"));
            assertTrue(link.find(), en.header("List-Unsubscribe"));
            String token = link.group(2);
            String tampered = token.substring(0, 5) + (token.charAt(5) == 'A' ? 'B' : 'A') + token.substring(6);
            given().queryParam("token", tampered).post("/api/v1/notifications/unsubscribe").then().statusCode(400)
                    .contentType(PROBLEM);
            given().queryParam("token", token).contentType("application/x-www-form-urlencoded")
                    .formParam("List-Unsubscribe", "One-Click").post("/api/v1/notifications/unsubscribe").then()
                    .statusCode(200).body("topic", is("NEWSLETTERS")).body("subscribed", is(false));
            // once more: the same answer, counted once
            given().queryParam("token", token).post("/api/v1/notifications/unsubscribe").then().statusCode(200);
        }
        UUID english = contactId("en-" + tag);
        given().auth().oauth2(token("secretariat")).get("/api/v1/notifications/preferences/" + english).then()
                .statusCode(200).body("channels.NEWSLETTERS", containsInAnyOrder("IN_APP", "WEBHOOK"))
                .body("channels.MEMBERSHIP", containsInAnyOrder("EMAIL", "IN_APP", "WEBHOOK"));

        // sent to three at once; the daily one waits for its digest; the refused and the quiet one get nothing
        awaitStatistics(draft.id, 3);
        given().auth().oauth2(token("secretariat")).get(PATH + "/" + draft.id + "/statistics").then().statusCode(200)
                .body("announcementId", is(draft.id.toString())).body("recipients", is(4)).body("sent", is(3))
                .body("digest", is(1)).body("pending", is(0)).body("failed", is(0)).body("dead", is(0))
                .body("inApp", is(1)).body("unsubscribed", is(1));
        assertEquals(1, TestDb.count(pool, "select count(*) from notification where event_id = '" + draft.id
                + "' and status = 'PENDING' and digest = 'DAILY' and next_attempt_at > now() + interval '1 hour' "
                + "and recipient = $1", "contact:" + daily));
        for (String nobody : List.of("refused-" + tag, "quiet-" + tag, "daily-" + tag)) {
            assertEquals(0, MailServer.forTests().received().stream().filter(r -> r.to().contains(nobody)
                    && r.subject().contains(tag)).count(), nobody);
        }

        // the daily reader gets it with its digest, in its language, with its own unsubscribe link
        worker.deliverDue(OffsetDateTime.now().plusDays(2)).await().atMost(WAIT);
        MailServer.Received digest = MailServer.forTests().await(r -> r.to().contains("daily-" + tag)
                && r.subject().equals("Vos nouvelles d'IMPALA"), 1, WAIT).get(0);
        assertTrue(digest.text().contains("Vote mardi " + tag) && digest.html().contains("<strong>mardi</strong>"),
                digest.text());
        assertTrue(digest.text().contains("Vous recevez les lettres d'information d'IMPALA"), digest.text());
        assertNotNull(digest.header("List-Unsubscribe"));
        given().auth().oauth2(token("secretariat")).get(PATH + "/" + draft.id + "/statistics").then().statusCode(200)
                .body("sent", is(4)).body("digest", is(0));

        // the first language is the default when English is not given: the Italian reader gets German
        Created german = create("secretariat", "NEWSLETTERS", "{\"de\":{\"title\":\"Bericht " + tag + "\",\"body\":\"Neu.\"},"
                + "\"fr\":{\"title\":\"Rapport " + tag + "\",\"body\":\"Nouveau.\"}}",
                "{\"associations\":[\"" + association + "\"],\"contactRoles\":[\"LEGAL\",\"PRESS\"]}");
        assertEquals(Map.of("de", 1, "fr", 1), JSON.convertValue(preview("secretariat", german.id, null)
                .path("byLanguage"), Map.class));
        send("secretariat", german, "{}").statusCode(202);
        awaitMail("it-" + tag, "Bericht " + tag);
        awaitMail("fr-" + tag, "Rapport " + tag);
        assertEquals(italian, contactId("it-" + tag));
    }

    @Test
    void anAssociationAdminReachesItsOwnMembersOnlyWhateverItAsks() {
        UUID other = UUID.randomUUID();
        String tag = other.toString().substring(0, 8);
        UUID own = member(TestEvents.FR, "COMPANY", "DIRECT", "MICRO", "XD", "ACTIVE");
        UUID foreign = member(other, "COMPANY", "DIRECT", "MICRO", "XD", "ACTIVE");
        contact(own, "own-" + tag, "en", "PRIMARY", true);
        contact(foreign, "foreign-" + tag, "en", "PRIMARY", true);
        awaitContacts(tag, 2);

        Created draft = create("fr-admin", "MEMBERSHIP", Map.of("en", "Ours " + tag),
                "{\"associations\":[\"" + other + "\",\"0a5f0000-0000-4000-8000-000000000002\"],\"countries\":[\"XD\"]}");
        given().auth().oauth2(token("fr-admin")).get(PATH + "/" + draft.id).then().statusCode(200)
                .body("segment.associations", contains(TestEvents.FR.toString()))
                .body("createdBy", is(TestEvents.FR.toString()));
        // another association's admin does not even learn that it exists; the secretariat sees it
        given().auth().oauth2(token("de-admin")).get(PATH + "/" + draft.id).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(token("de-admin")).get(PATH + "/" + draft.id + "/statistics").then().statusCode(404);
        given().auth().oauth2(token("de-admin")).header("If-Match", "\"1\"").contentType("application/json").body("{}")
                .post(PATH + "/" + draft.id + "/send").then().statusCode(404);
        given().auth().oauth2(token("de-admin")).post(PATH + "/" + draft.id + "/cancel").then().statusCode(404);
        assertFalse(given().auth().oauth2(token("de-admin")).get(PATH + "?limit=500").then().statusCode(200).extract()
                .asString().contains(draft.id.toString()));
        given().auth().oauth2(token("secretariat")).get(PATH + "/" + draft.id).then().statusCode(200);
        // the secretariat correcting it cannot widen it either: it stays the association's, narrowed to its members
        given().auth().oauth2(token("secretariat")).contentType("application/json").header("If-Match", draft.etag)
                .body(request("MEMBERSHIP", "{\"en\":{\"title\":\"Ours " + tag + "\",\"body\":\"Corrected.\"}}",
                        "{\"associations\":[\"" + other + "\"],\"countries\":[\"XD\"]}"))
                .put(PATH + "/" + draft.id).then().statusCode(200)
                .body("segment.associations", contains(TestEvents.FR.toString()));
        draft = new Created(draft.id, "\"2\"");
        // a member's staff and anonymous callers have no announcements
        given().auth().oauth2(token("label-admin")).get(PATH).then().statusCode(403).contentType(PROBLEM);
        given().get(PATH).then().statusCode(401);

        JsonNode preview = preview("fr-admin", draft.id, null);
        assertTrue(preview.path("members").asInt() >= 1, preview.toString());
        send("fr-admin", draft, "{}").statusCode(202);
        awaitMail("own-" + tag, "Ours " + tag);
        awaitStatus(draft.id, "SENT");
        // SENT: every notification is written; none reached a member of another association
        assertEquals(0, TestDb.count(pool, "select count(*) from notification n join recipient_member m on m.member_id = "
                + "n.member_id where n.event_id = $1 and m.represented_by is distinct from '" + TestEvents.FR + "'", draft.id));
        assertEquals(0, TestDb.count(pool, "select count(*) from notification where event_id = $1 and member_id = '"
                + foreign + "'", draft.id));
        assertEquals(0, MailServer.forTests().received().stream().filter(r -> r.to().contains("foreign-" + tag)
                && r.subject().contains("Ours")).count());
    }

    @Test
    void testSendScheduleCancelConflictsAndValidation() {
        UUID association = UUID.randomUUID();
        String tag = association.toString().substring(0, 8);
        UUID m = member(association, "ARTIST", "DIRECT", "MICRO", "XE", "ACTIVE");
        contact(m, "reader-" + tag, "en", "PRIMARY", true);
        awaitContacts(tag, 1);
        String segment = "{\"associations\":[\"" + association + "\"]}";

        // a test-send: the email with "[TEST] ", to the given addresses only; status and statistics unchanged
        Created draft = create("secretariat", "NEWSLETTERS", Map.of("en", "Later " + tag), segment);
        given().auth().oauth2(token("secretariat")).contentType("application/json")
                .body("{\"addresses\":[\"t1-" + tag + "@x.example\",\"t2-" + tag + "@x.example\"]}")
                .post(PATH + "/" + draft.id + "/test-send").then().statusCode(202).body("queued", is(2));
        MailServer.Received test = awaitMail("t1-" + tag, "[TEST] Later " + tag);
        awaitMail("t2-" + tag, "[TEST] Later " + tag);
        assertNotNull(test.header("List-Unsubscribe"));
        given().auth().oauth2(token("secretariat")).get(PATH + "/" + draft.id).then().body("status", is("DRAFT"))
                .header("ETag", "\"1\"");
        given().auth().oauth2(token("secretariat")).get(PATH + "/" + draft.id + "/statistics").then()
                .body("recipients", is(0)).body("inApp", is(0));
        for (String bad : List.of("{\"addresses\":[]}", "{\"addresses\":[\"not an address\"]}",
                "{\"addresses\":[\"a@x.example\"],\"language\":\"de\"}")) {
            given().auth().oauth2(token("secretariat")).contentType("application/json").body(bad)
                    .post(PATH + "/" + draft.id + "/test-send").then().statusCode(400).contentType(PROBLEM);
        }

        // If-Match: required (428), current (412 when stale)
        String change = request("NEWSLETTERS", "{\"en\":{\"title\":\"Later " + tag + "\",\"body\":\"Changed.\"}}", segment);
        given().auth().oauth2(token("secretariat")).contentType("application/json").body(change)
                .put(PATH + "/" + draft.id).then().statusCode(428).contentType(PROBLEM);
        given().auth().oauth2(token("secretariat")).contentType("application/json").header("If-Match", "\"7\"")
                .body(change).put(PATH + "/" + draft.id).then().statusCode(412).contentType(PROBLEM);
        given().auth().oauth2(token("secretariat")).contentType("application/json").header("If-Match", "\"1\"")
                .body(change).put(PATH + "/" + draft.id).then().statusCode(200).header("ETag", "\"2\"")
                .body("translations.en.body", is("Changed."));
        given().auth().oauth2(token("secretariat")).contentType("application/json").body("{}")
                .post(PATH + "/" + draft.id + "/send").then().statusCode(428);

        // scheduled for later, then cancelled: never sent
        String past = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString();
        given().auth().oauth2(token("secretariat")).contentType("application/json").header("If-Match", "\"2\"")
                .body("{\"at\":\"" + past + "\"}").post(PATH + "/" + draft.id + "/send").then().statusCode(400)
                .contentType(PROBLEM);
        String later = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3).toString();
        given().auth().oauth2(token("secretariat")).contentType("application/json").header("If-Match", "\"2\"")
                .body("{\"at\":\"" + later + "\"}").post(PATH + "/" + draft.id + "/send").then().statusCode(202)
                .body("status", is("SCHEDULED")).header("ETag", "\"3\"");
        given().auth().oauth2(token("secretariat")).header("If-Match", "\"3\"").post(PATH + "/" + draft.id + "/cancel")
                .then().statusCode(200).body("status", is("CANCELLED")).body("cancelledAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(token("secretariat")).post(PATH + "/" + draft.id + "/cancel").then().statusCode(409)
                .contentType(PROBLEM);
        // the marker: sent after the cancelled one's time has passed, it arrives, and the cancelled one never did
        Created marker = create("secretariat", "NEWSLETTERS", Map.of("en", "Marker " + tag), segment);
        try {
            Thread.sleep(Duration.between(OffsetDateTime.now(ZoneOffset.UTC), OffsetDateTime.parse(later)).toMillis() + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        send("secretariat", marker, "{}").statusCode(202);
        awaitMail("reader-" + tag, "Marker " + tag);
        awaitStatus(marker.id, "SENT");
        assertEquals(0, TestDb.count(pool, "select count(*) from notification where event_id = $1", draft.id));
        assertEquals(0, MailServer.forTests().received().stream().filter(r -> r.to().contains("reader-" + tag)
                && r.subject().contains("Later " + tag)).count());
        given().auth().oauth2(token("secretariat")).get(PATH + "/" + draft.id).then().body("status", is("CANCELLED"))
                .body("sentAt", nullValue());

        // a sent one: no cancel, no change, no second send
        String etag = given().auth().oauth2(token("secretariat")).get(PATH + "/" + marker.id).then().extract().header("ETag");
        given().auth().oauth2(token("secretariat")).post(PATH + "/" + marker.id + "/cancel").then().statusCode(409)
                .contentType(PROBLEM);
        given().auth().oauth2(token("secretariat")).contentType("application/json").header("If-Match", etag)
                .body(change).put(PATH + "/" + marker.id).then().statusCode(409).contentType(PROBLEM);
        given().auth().oauth2(token("secretariat")).contentType("application/json").header("If-Match", etag)
                .body("{}").post(PATH + "/" + marker.id + "/send").then().statusCode(409).contentType(PROBLEM);
        given().auth().oauth2(token("secretariat")).get(PATH + "?status=SENT&limit=500").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(marker.id.toString()));
        given().auth().oauth2(token("secretariat")).get(PATH + "?status=LOST").then().statusCode(400).contentType(PROBLEM);

        // validation: every one a 400 problem naming the field, nothing stored
        long before = TestDb.count(pool, "select count(*) from announcement where 1 = $1", 1);
        for (String bad : List.of(
                request("CAMPAIGNS", "{\"en\":{\"title\":\"t\",\"body\":\"b\"}}", segment),
                request("BOGUS", "{\"en\":{\"title\":\"t\",\"body\":\"b\"}}", segment),
                request("NEWSLETTERS", "{\"pt\":{\"title\":\"t\",\"body\":\"b\"}}", segment),
                request("NEWSLETTERS", "{}", segment),
                request("NEWSLETTERS", "{\"en\":{\"title\":\"\",\"body\":\"b\"}}", segment),
                request("NEWSLETTERS", "{\"en\":{\"title\":\"" + "x".repeat(201) + "\",\"body\":\"b\"}}", segment),
                request("NEWSLETTERS", "{\"en\":{\"title\":\"t\",\"body\":\"\"}}", segment),
                request("NEWSLETTERS", "{\"en\":{\"title\":\"t\",\"body\":\"b\"}}", "{\"memberKinds\":[\"ROBOT\"]}"),
                request("NEWSLETTERS", "{\"en\":{\"title\":\"t\",\"body\":\"b\"}}", "{\"countries\":[\"france\"]}"),
                request("NEWSLETTERS", "{\"en\":{\"title\":\"t\",\"body\":\"b\"}}", "{\"contactRoles\":[\"BOSS\"]}"),
                "{\"topic\":\"NEWSLETTERS\",\"translations\":{\"en\":{\"title\":\"t\",\"body\":\"b\"}},\"colour\":\"red\"}",
                "not json")) {
            given().auth().oauth2(token("secretariat")).contentType("application/json").body(bad).post(PATH).then()
                    .statusCode(400).contentType(PROBLEM);
        }
        assertEquals(before, TestDb.count(pool, "select count(*) from announcement where 1 = $1", 1));
    }

    // --- helpers

    private record Created(UUID id, String etag) {
    }

    private static Created create(String user, String topic, Map<String, String> titles, String segment) {
        StringBuilder translations = new StringBuilder("{");
        titles.forEach((lang, title) -> translations.append(translations.length() > 1 ? "," : "").append("\"").append(lang)
                .append("\":{\"title\":\"").append(title).append("\",\"body\":\"News for **you**.\"}"));
        return create(user, topic, translations.append("}").toString(), segment);
    }

    private static Created create(String user, String topic, String translations, String segment) {
        ExtractableResponse<Response> created = given().auth().oauth2(token(user)).contentType("application/json")
                .body(request(topic, translations, segment)).post(PATH).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString(PATH + "/")).header("ETag", "\"1\"")
                .body("status", is("DRAFT")).extract();
        return new Created(UUID.fromString(created.path("id")), created.header("ETag"));
    }

    private static String request(String topic, String translations, String segment) {
        return "{\"topic\":\"" + topic + "\",\"translations\":" + translations + ",\"segment\":" + segment + "}";
    }

    private static io.restassured.response.ValidatableResponse send(String user, Created draft, String body) {
        return given().auth().oauth2(token(user)).contentType("application/json").header("If-Match", draft.etag)
                .body(body).post(PATH + "/" + draft.id + "/send").then();
    }

    private static JsonNode preview(String user, UUID id, String language) {
        var request = given().auth().oauth2(token(user));
        if (language != null) {
            request = request.queryParam("language", language);
        }
        String body = request.get(PATH + "/" + id + "/preview").then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    private static void assertPreview(String segment, int members, int contacts) {
        Created draft = create("secretariat", "MEMBERSHIP", Map.of("en", "Preview"), segment);
        JsonNode preview = preview("secretariat", draft.id, null);
        assertEquals(members, preview.path("members").asInt(), segment + " " + preview);
        assertEquals(contacts, preview.path("contacts").asInt(), segment + " " + preview);
        assertEquals(contacts, preview.path("email").asInt(), segment + " " + preview);
    }

    private static MailServer.Received awaitMail(String to, String subject) {
        return MailServer.forTests().await(r -> r.to().contains(to) && r.subject().equals(subject), 1, WAIT).get(0);
    }

    private void awaitStatus(UUID id, String status) {
        TestDb.awaitAtLeast(pool, "select count(*) from announcement where id = $1 and status = '" + status + "'", id, 1);
    }

    private void awaitStatistics(UUID id, int sent) {
        TestDb.awaitAtLeast(pool, "select count(*) from notification where event_id = $1 and channel = 'EMAIL' "
                + "and status = 'SENT'", id, sent);
    }

    private static UUID member(UUID association, String kind, String category, String sizeClass, String country,
                               String status) {
        UUID id = UUID.randomUUID();
        TestEvents.send("membership.members.v1", "/membership-service", "eu.impala.membership.member.registered.v1", id,
                "{\"memberId\":\"" + id + "\",\"kind\":\"" + kind + "\",\"displayName\":\"Announce " + id.toString()
                        .substring(0, 8) + "\",\"country\":\"" + country + "\",\"category\":\"" + category
                        + "\",\"representedBy\":\"" + association + "\",\"status\":\"" + status + "\",\"sizeClass\":"
                        + (sizeClass == null ? "null" : "\"" + sizeClass + "\"") + "}");
        return id;
    }

    private static UUID contact(UUID member, String local, String language, String role, boolean newsletters) {
        UUID id = UUID.randomUUID();
        TestEvents.send("membership.contacts.v1", "/membership-service", "eu.impala.membership.contact.added.v1", member,
                "{\"memberId\":\"" + member + "\",\"contactId\":\"" + id + "\",\"name\":\"Reader\",\"email\":\"" + local
                        + "@x.example\",\"language\":\"" + language + "\",\"role\":\"" + role
                        + "\",\"consents\":{\"campaigns\":false,\"newsletters\":" + newsletters + "}}");
        return id;
    }

    private UUID contactId(String local) {
        return pool.preparedQuery("select contact_id from recipient_contact where email = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(local + "@x.example")).await().atMost(WAIT)
                .iterator().next().getUUID(0);
    }

    private void awaitContacts(String tag, int count) {
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_contact c join recipient_member m on m.member_id = "
                + "c.member_id where c.email like '%' || $1 || '%'", tag, count);
    }

    private static void preferences(UUID contact, String body) {
        given().auth().oauth2(token("secretariat")).contentType("application/json").header("If-Match", "\"0\"").body(body)
                .put("/api/v1/notifications/preferences/" + contact).then().statusCode(200);
    }
}
