package eu.impala.notifications.unsubscribe;

import static eu.impala.notifications.NotificationsTestServers.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import eu.impala.local.MailServer;
import eu.impala.notifications.TestDb;
import eu.impala.notifications.TestEvents;
import eu.impala.notifications.preference.Topic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * One-click unsubscribe against the real SMTP server: campaign news carries the RFC 8058 headers and a footer link,
 * the POST switches that topic's emails off for that contact only, the next campaign reaches the others and not it;
 * changed, expired and erased contacts' links are refused and change nothing; transactional email says why it comes.
 */
@QuarkusTest
class UnsubscribeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PATH = "/api/v1/notifications/unsubscribe";
    private static final Pattern LINK = Pattern.compile("^<(http://127\\.0\\.0\\.1:8080" + PATH
            + "\\?token=([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+))>, <mailto:unsubscribe@impalamusic\\.org\\?subject=unsubscribe-\\2>$");
    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool pool;

    @Inject
    UnsubscribeTokens tokens;

    @Inject
    eu.impala.notifications.notification.DeliveryWorker worker;

    @Test
    void campaignNewsCarriesAOneClickLinkThatSwitchesOffThatTopicsEmailsForThatContactOnly() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID leaving = UUID.randomUUID();
        UUID staying = UUID.randomUUID();
        UUID member = member("Unsub " + tag);
        TestEvents.contactAdded(member, leaving, "Léa", "lea-" + tag + "@x.example", "fr", "PRESS", true);
        TestEvents.contactAdded(member, staying, "Sam", "sam-" + tag + "@x.example", "en", "PRESS", true);
        awaitContacts(2, tag);

        TestEvents.campaignPublished(UUID.randomUUID(), "first-" + tag, "First " + tag, "[]");
        MailServer.Received news = MailServer.forTests().await(m -> m.to().contains("lea-" + tag)
                && m.subject().contains("First " + tag), 1, WAIT).get(0);
        String header = news.header("List-Unsubscribe");
        assertNotNull(header, "campaign news names its unsubscribe link: " + news.headers());
        Matcher link = LINK.matcher(header);
        assertTrue(link.matches(), "an https-or-local link and a mailto with the same token: " + header);
        assertEquals("List-Unsubscribe=One-Click", news.header("List-Unsubscribe-Post"));
        String url = link.group(1);
        String token = link.group(2);
        assertFalse(url.contains("lea-") || url.contains("x.example") || url.contains(leaving.toString()),
                "no address or id in clear in the link: " + url);
        // the visible footer, in the contact's language, goes to the same place
        assertTrue(news.text().contains("Se désabonner de ces e-mails: " + url), news.text());
        assertTrue(news.text().contains("Vous recevez les nouvelles des campagnes d'IMPALA"), news.text());
        assertTrue(news.html().contains("<a href=\"" + url + "\">Se désabonner de ces e-mails</a>"), news.html());

        // following the link (a person, or a scanner fetching ahead) changes nothing: a page whose button POSTs
        given().queryParam("token", token).get(PATH).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("<html lang=\"fr\">"))
                .body(containsString("<form method=\"post\" action=\"?token=" + token + "\">"))
                .body(not(containsString("<script")));
        preferences(leaving).header("ETag", "\"0\"");

        // RFC 8058: the form body List-Unsubscribe=One-Click, without a token; then again with no body at all
        for (int i = 0; i < 2; i++) {
            var request = given().queryParam("token", token);
            if (i == 0) {
                request = request.contentType("application/x-www-form-urlencoded; charset=utf-8")
                        .formParam("List-Unsubscribe", "One-Click");
            }
            request.post(PATH).then().statusCode(200).contentType("application/json")
                    .body("topic", is("CAMPAIGNS")).body("channel", is("EMAIL")).body("subscribed", is(false))
                    .body(not(containsString(leaving.toString())));
        }
        preferences(leaving).header("ETag", "\"1\"")
                .body("channels.CAMPAIGNS", containsInAnyOrder("IN_APP", "WEBHOOK"))
                .body("channels.MEMBERSHIP", containsInAnyOrder("EMAIL", "IN_APP", "WEBHOOK"))
                .body("channels.NEWSLETTERS", containsInAnyOrder("EMAIL", "IN_APP", "WEBHOOK"))
                .body("digest", is("IMMEDIATE"));
        preferences(staying).header("ETag", "\"0\"");

        // the next campaign: the contact that stayed gets it (the marker), the one that left gets no email
        UUID second = UUID.randomUUID();
        TestEvents.campaignPublished(second, "second-" + tag, "Second " + tag, "[]");
        MailServer.forTests().await(m -> m.to().contains("sam-" + tag) && m.subject().contains("Second " + tag), 1, WAIT);
        assertEquals(0, MailServer.forTests().received().stream()
                .filter(m -> m.to().contains("lea-" + tag) && m.subject().contains("Second " + tag)).count());
        assertEquals(0, TestDb.count(pool, "select count(*) from notification where recipient = $1 and channel = 'EMAIL' "
                + "and model ->> 'campaignId' = '" + second + "'", "contact:" + leaving));
    }

    @Test
    void aBrowsersPostGetsAPageInTheContactsLanguage() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID contact = UUID.randomUUID();
        TestEvents.contactAdded(member("Browser " + tag), contact, "Dora", "dora-" + tag + "@x.example", "de", "PRESS", true);
        awaitContacts(1, tag);
        given().queryParam("token", tokens.issue(contact, Topic.NEWSLETTERS))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .post(PATH).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Erledigt: Sie erhalten Newsletter von IMPALA nicht mehr per E-Mail."));
        preferences(contact).body("channels.NEWSLETTERS", containsInAnyOrder("IN_APP", "WEBHOOK"))
                .body("channels.CAMPAIGNS", containsInAnyOrder("EMAIL", "IN_APP", "WEBHOOK"));
    }

    @Test
    void aChangedExpiredOrForeignLinkIsRefusedAndChangesNothing() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID member = member("Tamper " + tag);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        TestEvents.contactAdded(member, a, "Ann", "ann-" + tag + "@x.example", "en", "PRESS", true);
        TestEvents.contactAdded(member, b, "Ben", "ben-" + tag + "@x.example", "en", "PRESS", true);
        awaitContacts(2, tag);

        String valid = tokens.issue(a, Topic.CAMPAIGNS);
        String payload = valid.substring(0, valid.indexOf('.'));
        String signature = valid.substring(valid.indexOf('.') + 1);
        byte[] bytes = Base64.getUrlDecoder().decode(payload);
        // the payload naming contact b instead, with a's signature: the signature no longer matches
        byte[] forB = bytes.clone();
        java.nio.ByteBuffer.wrap(forB).position(1).putLong(b.getMostSignificantBits()).putLong(b.getLeastSignificantBits());
        for (String bad : List.of(flip(payload) + "." + signature, payload + "." + flip(signature),
                b64(forB) + "." + signature, payload, payload + "." + signature + ".x", "", "not a token",
                payload + "." + b64(hmac("another key of 32 bytes or more, not ours!", bytes)))) {
            given().queryParam("token", bad).post(PATH).then().statusCode(400).contentType(PROBLEM)
                    .body("title", is("Invalid unsubscribe link"));
            given().queryParam("token", bad).get(PATH).then().statusCode(400).contentType(PROBLEM);
        }
        given().post(PATH).then().statusCode(400).contentType(PROBLEM);

        String expired = tokens.issue(a, Topic.CAMPAIGNS, Instant.now().minusSeconds(1));
        String goneTitle = given().queryParam("token", expired).post(PATH).then().statusCode(410).contentType(PROBLEM)
                .extract().path("detail");
        given().queryParam("token", expired).get(PATH).then().statusCode(410).contentType(PROBLEM);
        // a contact never known answers as an expired link does: nothing to learn from it
        given().queryParam("token", tokens.issue(UUID.randomUUID(), Topic.CAMPAIGNS)).post(PATH).then().statusCode(410)
                .contentType(PROBLEM).body("detail", is(goneTitle));
        preferences(a).header("ETag", "\"0\"");
        preferences(b).header("ETag", "\"0\"");

        // a's link switches a off and never b
        given().queryParam("token", valid).post(PATH).then().statusCode(200);
        preferences(a).body("channels.CAMPAIGNS", containsInAnyOrder("IN_APP", "WEBHOOK"));
        preferences(b).header("ETag", "\"0\"");
    }

    @Test
    void theLinkOfAnErasedContactRevealsNothingAndWritesNothing() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID member = member("Erased " + tag);
        UUID contact = UUID.randomUUID();
        TestEvents.contactAdded(member, contact, "Eve", "eve-" + tag + "@x.example", "en", "PRESS", true);
        awaitContacts(1, tag);
        String token = tokens.issue(contact, Topic.CAMPAIGNS);
        String expiredDetail = given().queryParam("token", tokens.issue(contact, Topic.CAMPAIGNS, Instant.now().minusSeconds(5)))
                .post(PATH).then().statusCode(410).extract().path("detail");

        TestEvents.contactErased(member, contact);
        TestDb.awaitAtLeast(pool, "select 1 - count(*) from recipient_contact where contact_id = $1", contact, 1);
        given().queryParam("token", token).post(PATH).then().statusCode(410).contentType(PROBLEM)
                .body("detail", is(expiredDetail)).body(not(containsString(contact.toString())));
        given().queryParam("token", token).get(PATH).then().statusCode(410).contentType(PROBLEM);
        assertEquals(0, TestDb.count(pool, "select count(*) from preference where contact_id = $1", contact));
    }

    @Test
    void transactionalEmailHasNoUnsubscribeButSaysWhyItComes() {
        UUID member = UUID.randomUUID();
        String tag = member.toString().substring(0, 8);
        String email = "primary-" + tag + "@x.example";
        TestEvents.memberRegistered(member, "Why Records " + tag, "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        TestEvents.contactAdded(member, UUID.randomUUID(), "Paul", email, "fr", "PRIMARY", true);
        MailServer.Received welcome = MailServer.forTests().await(m -> m.to().contains(email), 1, WAIT).get(0);
        assertNull(welcome.header("List-Unsubscribe"), "transactional: " + welcome.headers());
        assertNull(welcome.header("List-Unsubscribe-Post"));
        String why = "Vous recevez cet e-mail parce que vous êtes un contact de Why Records " + tag + ", membre d'IMPALA";
        assertTrue(welcome.text().contains(why), welcome.text());
        assertTrue(welcome.html().contains(why.replace("'", "&#39;")) || welcome.html().contains(why), welcome.html());
        assertFalse(welcome.text().contains(PATH), welcome.text());

        TestEvents.statusChanged(member, "ACTIVE", "SUSPENDED");
        MailServer.Received status = MailServer.forTests().await(m -> m.to().contains(email)
                && m.subject().contains("SUSPENDED"), 1, WAIT).get(0);
        assertNull(status.header("List-Unsubscribe"));
        assertTrue(status.text().contains(why), status.text());
    }

    @Test
    void newsWaitingForADigestIsWithdrawnWhenTheContactUnsubscribesSwitchesItsEmailsOffOrWithdrawsItsConsent() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID member = member("Digest unsub " + tag);
        UUID clicking = UUID.randomUUID();
        UUID editing = UUID.randomUUID();
        UUID staying = UUID.randomUUID();
        UUID withdrawing = UUID.randomUUID();
        TestEvents.contactAdded(member, clicking, "Cleo", "cleo-" + tag + "@x.example", "en", "PRESS", true);
        TestEvents.contactAdded(member, editing, "Eddy", "eddy-" + tag + "@x.example", "en", "PRESS", true);
        TestEvents.contactAdded(member, staying, "Stan", "stan-" + tag + "@x.example", "en", "PRESS", true);
        TestEvents.contactAdded(member, withdrawing, "Wyn", "wyn-" + tag + "@x.example", "en", "PRESS", true);
        awaitContacts(4, tag);
        for (UUID contact : List.of(clicking, editing, staying, withdrawing)) {
            given().auth().oauth2(token("secretariat")).contentType("application/json").header("If-Match", "\"0\"")
                    .body("{\"channels\":{\"CAMPAIGNS\":[\"EMAIL\",\"IN_APP\"]},\"digest\":\"DAILY\"}")
                    .put("/api/v1/notifications/preferences/" + contact).then().statusCode(200);
        }
        TestEvents.campaignPublished(UUID.randomUUID(), "waiting-" + tag, "Waiting " + tag, "[]");
        for (UUID contact : List.of(clicking, editing, staying, withdrawing)) {
            TestDb.awaitAtLeast(pool, "select count(*) from notification where recipient = $1 and digest = 'DAILY'",
                    "contact:" + contact, 1);
        }

        given().queryParam("token", tokens.issue(clicking, Topic.CAMPAIGNS)).post(PATH).then().statusCode(200);
        given().auth().oauth2(token("secretariat")).contentType("application/json").header("If-Match", "\"1\"")
                .body("{\"channels\":{\"CAMPAIGNS\":[\"IN_APP\"]},\"digest\":\"DAILY\"}")
                .put("/api/v1/notifications/preferences/" + editing).then().statusCode(200);
        // the member's records say this person no longer consents to campaign news (membership's contact event)
        TestEvents.contactAdded(member, withdrawing, "Wyn", "wyn-" + tag + "@x.example", "en", "PRESS", false);
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_contact where contact_id = $1 "
                + "and consents ->> 'campaigns' = 'false'", withdrawing, 1);
        String waiting = "select count(*) from notification where recipient = $1 and channel = 'EMAIL' and status = 'PENDING'";
        assertEquals(0, TestDb.count(pool, waiting, "contact:" + withdrawing), "withdrawn with the consent");
        assertEquals(0, TestDb.count(pool, waiting, "contact:" + clicking), "withdrawn by the one-click unsubscribe");
        assertEquals(0, TestDb.count(pool, waiting, "contact:" + editing), "withdrawn by the preferences' change");
        assertEquals(1, TestDb.count(pool, waiting, "contact:" + staying));

        // the digest time comes: the contact that stayed gets its digest (the marker), the two others nothing
        worker.deliverDue(java.time.OffsetDateTime.now().plusDays(2)).await().atMost(WAIT);
        MailServer.forTests().await(m -> m.to().contains("stan-" + tag), 1, WAIT);
        assertEquals(0, MailServer.forTests().received().stream()
                .filter(m -> m.to().contains("cleo-" + tag) || m.to().contains("eddy-" + tag)
                        || m.to().contains("wyn-" + tag)).count());
    }

    @Test
    void aMessageToTheMailtoAddressUnsubscribesLikeTheLinkAndPeoplesMessagesStayForPeople() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID leaving = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID member = member("Mailto " + tag);
        TestEvents.contactAdded(member, leaving, "Ida", "ida-" + tag + "@x.example", "it", "PRESS", true);
        TestEvents.contactAdded(member, other, "Ole", "ole-" + tag + "@x.example", "en", "PRESS", true);
        awaitContacts(2, tag);
        String token = tokens.issue(leaving, Topic.CAMPAIGNS);
        String forged = tokens.issue(other, Topic.CAMPAIGNS);
        forged = forged.substring(0, forged.indexOf('.') + 1) + flip(forged.substring(forged.indexOf('.') + 1));

        // what a mail client does with the header's mailto:, then a person writing, then a changed token
        mail("ida-" + tag + "@x.example", "unsubscribe-" + token, "");
        mail("ole-" + tag + "@x.example", "Please call me " + tag, "About our membership.");
        mail("ole-" + tag + "@x.example", "unsubscribe-" + forged, "");

        awaitMailbox(tag, 2);
        preferences(leaving).header("ETag", "\"1\"").body("channels.CAMPAIGNS", containsInAnyOrder("IN_APP", "WEBHOOK"))
                .body("channels.NEWSLETTERS", containsInAnyOrder("EMAIL", "IN_APP", "WEBHOOK"));
        preferences(other).header("ETag", "\"0\"");
    }

    /** Sends a message to the unsubscribe mailbox through the real SMTP server, as a mail client would. */
    private static void mail(String from, String subject, String text) throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(MailServer.forTests().port()));
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(props);
        jakarta.mail.internet.MimeMessage message = new jakarta.mail.internet.MimeMessage(session);
        message.setFrom(new jakarta.mail.internet.InternetAddress(from));
        message.setRecipients(jakarta.mail.Message.RecipientType.TO, MailServer.UNSUBSCRIBE_MAILBOX);
        message.setSubject(subject);
        message.setText(text);
        jakarta.mail.Transport.send(message);
    }

    /**
     * Until the mailbox holds only {@code left} of this test's messages, each seen: the reader has handled every one
     * of them (the valid one deleted, the others kept for people).
     */
    private static void awaitMailbox(String tag, int left) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            java.util.Properties props = new java.util.Properties();
            try (jakarta.mail.Store store = jakarta.mail.Session.getInstance(props).getStore("imap")) {
                store.connect("127.0.0.1", MailServer.forTests().imapPort(), MailServer.UNSUBSCRIBE_MAILBOX,
                        MailServer.UNSUBSCRIBE_PASSWORD);
                jakarta.mail.Folder inbox = store.getFolder("INBOX");
                inbox.open(jakarta.mail.Folder.READ_ONLY);
                int mine = 0;
                int seen = 0;
                for (jakarta.mail.Message m : inbox.getMessages()) {
                    String from = java.util.Arrays.toString(m.getFrom());
                    if (from.contains(tag)) {
                        mine++;
                        seen += m.isSet(jakarta.mail.Flags.Flag.SEEN) ? 1 : 0;
                    }
                }
                inbox.close(false);
                state = mine + " message(s), " + seen + " seen";
                if (mine == left && seen == left) {
                    return;
                }
            } catch (jakarta.mail.MessagingException e) {
                // the reader expunged a message while this look was reading it: look again
                state = "a message went while being read: " + e.getMessage();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the unsubscribe mailbox never came to " + left + " seen message(s): " + state);
    }

    private static ValidatableResponse preferences(UUID contact) {
        return given().auth().oauth2(token("secretariat")).get("/api/v1/notifications/preferences/" + contact)
                .then().statusCode(200);
    }

    private static UUID member(String name) {
        UUID id = UUID.randomUUID();
        TestEvents.memberRegistered(id, name, "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        return id;
    }

    private void awaitContacts(int count, String tag) {
        TestDb.awaitAtLeast(pool, "select count(*) from recipient_contact c join recipient_member m on m.member_id = c.member_id "
                + "where c.email like '%' || $1 || '%'", tag, count);
    }

    /** The same text with one character changed in the middle. */
    private static String flip(String base64) {
        int i = base64.length() / 2;
        char c = base64.charAt(i) == 'A' ? 'B' : 'A';
        return base64.substring(0, i) + c + base64.substring(i + 1);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hmac(String key, byte[] payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(payload);
    }
}
