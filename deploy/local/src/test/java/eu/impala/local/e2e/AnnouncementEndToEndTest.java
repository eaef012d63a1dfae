package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import eu.impala.local.KafkaProbe;
import eu.impala.local.KeycloakTokens;
import eu.impala.local.MailServer;

/**
 * Announcements through the gateway with real tokens, as the secretariat and an association's admin write them.
 * FR's system syncs members with contacts who consented to newsletters (and some who did not, or are not primary
 * contacts), DE's system one more. The secretariat drafts a newsletter in English and French for the primary contacts
 * of members in Malta (a country only this test's members are in, so that the preview's counts are exact), previews
 * it, test-sends it, sends it: each consenting primary contact gets it in their language (English for the German
 * speaker: the fallback), with the one-click unsubscribe headers, whose POST (no token) counts in the statistics; the
 * {@code announcement.sent} event carries counts and no address. FR's admin then asks for DE's members in Germany:
 * its announcement reaches only the members FR represents there, and DE's admin cannot read it.
 */
@ExtendWith(SharedPlatform.class)
class AnnouncementEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String FR = Tenant.Side.FR.association;
    private static final String DE = Tenant.Side.DE.association;
    private static final String PATH = "/api/v1/notifications/announcements";
    private static final Pattern TOKEN = Pattern.compile("/api/v1/notifications/unsubscribe\\?token=([A-Za-z0-9_.-]+)>");
    private static final String FORM = "application/x-www-form-urlencoded";

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String gateway = SharedPlatform.gateway();
    private final MailServer mail = SharedPlatform.platform().mail();
    private final KeycloakTokens tokens = new KeycloakTokens(SharedPlatform.platform().servers().keycloak().url());

    @Test
    void theSecretariatsNewsletterReachesConsentingPrimaryContactsInTheirLanguageAndCountsItsUnsubscribes() {
        String secretariat = tokens.demoUser("secretariat");
        String en = address("en"), fr = address("fr"), de = address("de"), refused = address("refused"),
                press = address("press"), tester = address("tester");
        sync(FR, "sync-fr", record("EN", "MT", contact(en, "PRIMARY", "en", true) + "," + contact(press, "PRESS", "fr", true)),
                record("FR", "MT", contact(fr, "PRIMARY", "fr", true)),
                record("DE", "MT", contact(de, "PRIMARY", "de", true)),
                record("NO", "MT", contact(refused, "PRIMARY", "en", false)));

        String enTitle = "Vote in Parliament " + tag;
        String frTitle = "Vote au Parlement " + tag;
        HttpResponse<String> created = Api.send("POST", gateway + PATH, secretariat, "{\"topic\":\"NEWSLETTERS\","
                + "\"translations\":{\"en\":{\"title\":\"" + enTitle + "\",\"body\":\"The **vote** is on Tuesday. "
                + "<script>alert(1)</script> [Read more](https://example.org/vote)\"},\"fr\":{\"title\":\"" + frTitle
                + "\",\"body\":\"Le **vote** a lieu mardi.\"}},\"segment\":{\"countries\":[\"MT\"],"
                + "\"contactRoles\":[\"PRIMARY\"]}}", Map.of());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode draft = Api.read(created.body());
        String id = draft.path("id").asText();
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith(PATH + "/" + id), "" + created.headers().map());
        String etag = created.headers().firstValue("ETag").orElseThrow();
        assertEquals("DRAFT", draft.path("status").asText(), created.body());
        assertEquals("NEWSLETTERS", draft.path("topic").asText());
        assertTrue(draft.path("createdBy").isNull(), "the secretariat's: " + created.body());
        assertEquals(List.of("ACTIVE"), texts(draft.path("segment").path("statuses")), "statuses default to ACTIVE");
        refusedAsNotFound(tokens.demoUser("fr-admin"), id);

        // the preview counts the members in Malta as notifications knows them: once the sync's events are in, exact
        JsonNode preview = awaitJson("the preview counts this test's members", secretariat, PATH + "/" + id
                + "/preview?language=fr", p -> p.path("members").asInt() == 4 && p.path("contacts").asInt() == 4
                && p.path("email").asInt() == 3);
        assertEquals(2, preview.path("byLanguage").path("en").asInt(), preview.toString());
        assertEquals(1, preview.path("byLanguage").path("fr").asInt(), preview.toString());
        assertEquals(0, preview.path("byLanguage").path("de").asInt(0), "German falls back to English: " + preview);
        assertEquals("fr", preview.path("sample").path("language").asText(), preview.toString());
        assertTrue(preview.path("sample").path("subject").asText().contains(frTitle), preview.toString());
        assertTrue(preview.path("sample").path("html").asText().contains("<strong>vote</strong>"), preview.toString());

        // a test-send: the default language (English), "[TEST] " before its subject, and the announcement unchanged
        JsonNode queued = Api.expect(202, "POST", gateway + PATH + "/" + id + "/test-send", secretariat,
                "{\"addresses\":[\"" + tester + "\"]}");
        assertEquals(1, queued.path("queued").asInt(), queued.toString());
        MailServer.Received test = mail.await(m -> m.to().contains(tester), 1, WAIT).get(0);
        assertTrue(test.subject().startsWith("[TEST] ") && test.subject().contains(enTitle), test.subject());
        assertEquals("DRAFT", get(secretariat, id).path("status").asText());

        JsonNode sending = Api.read(send(secretariat, id, etag).body());
        assertEquals("SCHEDULED", sending.path("status").asText(), sending.toString());

        MailServer.Received toEn = mail.await(m -> m.to().contains(en) && m.subject().contains(enTitle), 1, WAIT).get(0);
        MailServer.Received toFr = mail.await(m -> m.to().contains(fr) && m.subject().contains(frTitle), 1, WAIT).get(0);
        MailServer.Received toDe = mail.await(m -> m.to().contains(de) && m.subject().contains(enTitle), 1, WAIT).get(0);
        for (MailServer.Received news : List.of(toEn, toFr, toDe)) {
            assertEquals("List-Unsubscribe=One-Click", news.header("List-Unsubscribe-Post"), "" + news.headers());
            assertNotNull(news.header("List-Unsubscribe"), "" + news.headers());
            assertFalse(news.subject().startsWith("[TEST]"), news.subject());
        }
        assertTrue(toEn.html().contains("<strong>vote</strong>"), toEn.html());
        assertFalse(toEn.html().contains("<script>"), "raw HTML of the Markdown is escaped: " + toEn.html());
        assertTrue(toFr.html().contains("<strong>vote</strong> a lieu mardi"), toFr.html());
        assertTrue(toEn.text().contains("vote"), toEn.text());

        // all three delivered: then the contact without consent and the press contact got nothing
        JsonNode done = awaitJson("the announcement sent and delivered", secretariat, PATH + "/" + id + "/statistics",
                s -> "SENT".equals(s.path("status").asText()) && s.path("sent").asInt() == 3);
        assertEquals(3, done.path("recipients").asInt(), done.toString());
        assertEquals(0, done.path("failed").asInt() + done.path("dead").asInt() + done.path("pending").asInt(), done.toString());
        assertEquals(0, done.path("unsubscribed").asInt(), done.toString());
        assertEquals(id, done.path("announcementId").asText(), done.toString());
        JsonNode sent = get(secretariat, id);
        assertEquals("SENT", sent.path("status").asText(), sent.toString());
        assertFalse(sent.path("sentAt").isNull() || sent.path("startedAt").isNull(), sent.toString());
        assertEquals(0, mail.received().stream().filter(m -> (m.to().contains(refused) || m.to().contains(press))
                && (m.subject().contains(enTitle) || m.subject().contains(frTitle))).count(),
                "no newsletter without consent, none to a press contact");

        // the one-click POST of the English contact's link, as a mailbox provider makes it: no token
        Matcher found = TOKEN.matcher(toEn.header("List-Unsubscribe"));
        assertTrue(found.find(), toEn.header("List-Unsubscribe"));
        // (twice, as providers retry: one contact, counted once)
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> unsubscribed = Api.send("POST", gateway + "/api/v1/notifications/unsubscribe?token="
                    + found.group(1), null, "List-Unsubscribe=One-Click", Map.of("Content-Type", FORM));
            assertEquals(200, unsubscribed.statusCode(), unsubscribed.body());
            assertEquals("NEWSLETTERS", Api.read(unsubscribed.body()).path("topic").asText(), unsubscribed.body());
            assertFalse(Api.read(unsubscribed.body()).path("subscribed").asBoolean(true), unsubscribed.body());
        }
        JsonNode counted = awaitJson("the unsubscribe counted", secretariat, PATH + "/" + id + "/statistics",
                s -> s.path("unsubscribed").asInt() >= 1);
        assertEquals(1, counted.path("unsubscribed").asInt(), "one contact unsubscribed: " + counted);
        assertEquals(3, counted.path("sent").asInt(), counted.toString());

        // the event: counts only, the same as the preview's
        JsonNode event = sentEvent(id);
        assertEquals(3, event.path("emails").asInt(), event.toString());
        assertEquals(preview.path("members").asInt(), event.path("members").asInt(), event.toString());
        assertEquals(preview.path("inApp").asInt(), event.path("inApp").asInt(), event.toString());
        assertEquals("NEWSLETTERS", event.path("topic").asText(), event.toString());
    }

    @Test
    void anAssociationsAnnouncementReachesOnlyTheMembersItRepresentsWhateverItAsksAndIsHiddenFromTheOthers() {
        String frAdmin = tokens.demoUser("fr-admin");
        String deAdmin = tokens.demoUser("de-admin");
        String ours = address("fr-in-de"), theirs = address("de-in-de");
        sync(FR, "sync-fr", record("FRDE", "DE", contact(ours, "PRIMARY", "en", true)));
        sync(DE, "sync-de", record("DEDE", "DE", contact(theirs, "PRIMARY", "en", true)));
        // both contacts are in notifications' directory: the secretariat's preview of the same segment counts them
        String secretariat = tokens.demoUser("secretariat");
        String probe = create(secretariat, "Probe " + tag, "{\"countries\":[\"DE\"],\"associations\":[\"" + FR + "\",\"" + DE
                + "\"],\"contactRoles\":[\"PRIMARY\"]}").path("id").asText();
        awaitJson("notifications knows both members", secretariat, PATH + "/" + probe + "/preview",
                p -> p.path("email").asInt() >= 2);

        String title = "General assembly " + tag;
        HttpResponse<String> created = Api.send("POST", gateway + PATH, frAdmin, body(title, "{\"countries\":[\"DE\"],"
                + "\"associations\":[\"" + DE + "\"],\"contactRoles\":[\"PRIMARY\"]}"), Map.of());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode draft = Api.read(created.body());
        String id = draft.path("id").asText();
        assertEquals(List.of(FR), texts(draft.path("segment").path("associations")), "narrowed to FR: " + created.body());
        assertEquals(FR, draft.path("createdBy").asText(), created.body());
        assertFalse(created.body().contains(DE), "nothing of DE's in FR's announcement: " + created.body());

        refusedAsNotFound(deAdmin, id);
        assertFalse(Api.expect(200, "GET", gateway + PATH + "?limit=100", deAdmin, null).toString().contains(id),
                "not in DE's list");
        HttpResponse<String> foreignSend = Api.send("POST", gateway + PATH + "/" + id + "/send", deAdmin, "{}",
                Map.of("If-Match", created.headers().firstValue("ETag").orElseThrow()));
        assertEquals(404, foreignSend.statusCode(), foreignSend.body());

        send(frAdmin, id, created.headers().firstValue("ETag").orElseThrow());
        mail.await(m -> m.to().contains(ours) && m.subject().contains(title), 1, WAIT);
        JsonNode done = awaitJson("FR's announcement sent and delivered", frAdmin, PATH + "/" + id + "/statistics",
                s -> "SENT".equals(s.path("status").asText()) && s.path("sent").asInt() == s.path("recipients").asInt());
        assertEquals(1, done.path("recipients").asInt(), "only the member FR represents in Germany: " + done);
        assertEquals(0, mail.received().stream().filter(m -> m.to().contains(theirs) && m.subject().contains(title)).count(),
                "DE's member in Germany got nothing of FR's");
        assertEquals(1, sentEvent(id).path("emails").asInt());
        refusedAsNotFound(deAdmin, id);
    }

    private JsonNode sentEvent(String id) {
        try (KafkaProbe events = KafkaProbe.reading(SharedPlatform.platform().servers().kafka().bootstrapServers(),
                "notifications.announcements.v1")) {
            ConsumerRecord<String, String> record = events.await(r -> id.equals(r.key()), WAIT);
            assertEquals("eu.impala.notifications.announcement.sent.v1", KafkaProbe.header(record, "ce_type"));
            assertFalse(record.value().contains("@"), "no address in the event: " + record.value());
            assertFalse(record.value().contains(tag), "no text of the announcement in the event: " + record.value());
            JsonNode value = Api.read(record.value());
            // binary CloudEvents carry the data as the value; a structured one would wrap it in "data"
            return value.has("data") ? value.path("data") : value;
        }
    }

    private void refusedAsNotFound(String token, String id) {
        HttpResponse<String> read = Api.send("GET", gateway + PATH + "/" + id, token, null, Map.of());
        assertEquals(404, read.statusCode(), read.body());
        assertTrue(Api.isProblem(read), "" + read.headers().map());
        assertFalse(read.body().contains(tag), read.body());
    }

    private HttpResponse<String> send(String token, String id, String etag) {
        HttpResponse<String> sent = Api.send("POST", gateway + PATH + "/" + id + "/send", token, "{}", Map.of("If-Match", etag));
        assertEquals(202, sent.statusCode(), sent.body());
        return sent;
    }

    private JsonNode create(String token, String title, String segment) {
        return Api.expect(201, "POST", gateway + PATH, token, body(title, segment));
    }

    private static String body(String title, String segment) {
        return "{\"topic\":\"NEWSLETTERS\",\"translations\":{\"en\":{\"title\":\"" + title + "\",\"body\":\"See you there.\"}},"
                + "\"segment\":" + segment + "}";
    }

    private JsonNode get(String token, String id) {
        return Api.expect(200, "GET", gateway + PATH + "/" + id, token, null);
    }

    private void sync(String association, String client, String... records) {
        JsonNode run = Api.expect(200, "POST", gateway + "/api/v1/associations/" + association + "/sync",
                tokens.clientCredentials(client, client + "-dev-secret"), "{\"records\":[" + String.join(",", records) + "]}");
        run.path("results").forEach(r -> assertEquals("created", r.path("result").asText(), run.toString()));
    }

    private String record(String key, String country, String contacts) {
        String name = "Announce " + key + " " + tag;
        return "{\"externalId\":\"ANN-" + key + "-" + tag + "\",\"kind\":\"COMPANY\",\"legalName\":\"" + name
                + "\",\"displayName\":\"" + name + "\",\"country\":\"" + country + "\",\"contacts\":[" + contacts + "]}";
    }

    private static String contact(String email, String role, String language, boolean newsletters) {
        return "{\"name\":\"Ann " + role + "\",\"email\":\"" + email + "\",\"role\":\"" + role + "\",\"language\":\"" + language
                + "\",\"consents\":{\"newsletters\":" + newsletters + "}}";
    }

    private String address(String who) {
        return who + "-" + tag + "@announce.example";
    }

    private JsonNode awaitJson(String what, String token, String path, java.util.function.Predicate<JsonNode> done) {
        JsonNode[] last = new JsonNode[1];
        await(what, () -> {
            HttpResponse<String> response = Api.send("GET", gateway + path, token, null, Map.of());
            last[0] = Api.read(response.body());
            return response.statusCode() == 200 && done.test(last[0]);
        }, () -> "last answer: " + last[0]);
        return last[0];
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> detail) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what + "; " + detail.get());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
