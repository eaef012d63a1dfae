package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.MailServer;

/**
 * One-click unsubscribe through the gateway, as a mailbox provider does it: an association syncs two members whose
 * contacts take campaign news, the secretariat publishes a campaign, the email carries List-Unsubscribe and
 * List-Unsubscribe-Post; an anonymous POST of its link (RFC 8058 body, no token) switches that contact's campaign
 * emails off, which its preferences show; the next campaign reaches the other contact by email and not it. A changed
 * or expired link is a problem and changes nothing.
 */
@ExtendWith(SharedPlatform.class)
class UnsubscribeEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String FR = Tenant.Side.FR.association;
    private static final Pattern TOKEN = Pattern.compile("/api/v1/notifications/unsubscribe\\?token=([A-Za-z0-9_.-]+)>");
    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void aMailboxProvidersOneClickPostThroughTheGatewayStopsThatContactsCampaignEmailsOnly() {
        KeycloakTokens tokens = new KeycloakTokens(SharedPlatform.platform().servers().keycloak().url());
        String gateway = SharedPlatform.gateway();
        MailServer mail = SharedPlatform.platform().mail();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String leaving = "leaving-" + tag + "@unsub.example";
        String staying = "staying-" + tag + "@unsub.example";
        JsonNode sync = Api.expect(200, "POST", gateway + "/api/v1/associations/" + FR + "/sync",
                tokens.clientCredentials("sync-fr", "sync-fr-dev-secret"), "{\"records\":["
                        + record("L-" + tag, leaving) + "," + record("S-" + tag, staying) + "]}");
        String secretariat = tokens.demoUser("secretariat");
        String member = sync.path("results").get(0).path("memberId").asText();
        String contact = Api.expect(200, "GET", gateway + "/api/v1/members/" + member + "/contacts", secretariat, null)
                .get(0).path("id").asText();
        String otherMember = sync.path("results").get(1).path("memberId").asText();
        String otherContact = Api.expect(200, "GET", gateway + "/api/v1/members/" + otherMember + "/contacts", secretariat,
                null).get(0).path("id").asText();
        // both members (their welcome is written with them) and both contacts are in notifications' directory
        await("notifications knows both members and contacts", () -> preferences(gateway, secretariat, contact).statusCode() == 200
                && preferences(gateway, secretariat, otherContact).statusCode() == 200
                && Api.expect(200, "GET", gateway + "/api/v1/notifications/deliveries?memberId=" + member, secretariat, null)
                        .path("items").size() > 0
                && Api.expect(200, "GET", gateway + "/api/v1/notifications/deliveries?memberId=" + otherMember, secretariat,
                        null).path("items").size() > 0);

        publish(gateway, secretariat, "unsub-one-" + tag, "One " + tag);
        MailServer.Received news = mail.await(m -> m.to().contains(leaving) && m.subject().contains("One " + tag), 1, WAIT)
                .get(0);
        assertEquals("List-Unsubscribe=One-Click", news.header("List-Unsubscribe-Post"), "" + news.headers());
        String header = news.header("List-Unsubscribe");
        assertNotNull(header);
        Matcher found = TOKEN.matcher(header);
        assertTrue(found.find(), header);
        String token = found.group(1);
        assertTrue(header.contains("<mailto:") && header.contains("?subject=unsubscribe-" + token + ">"), header);
        assertFalse(header.contains(leaving) || header.contains(contact), "no address or id in clear: " + header);
        assertTrue(news.text().contains("/api/v1/notifications/unsubscribe?token=" + token), news.text());
        String link = gateway + "/api/v1/notifications/unsubscribe?token=" + token;

        // a scanner or a person fetching the link changes nothing; the provider's POST carries no bearer token
        HttpResponse<String> page = Api.send("GET", link, null, null, Map.of());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), "" + page.headers().map());
        assertTrue(page.body().contains("method=\"post\""), page.body());
        assertEquals("\"0\"", preferences(gateway, secretariat, contact).headers().firstValue("ETag").orElse(null));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> done = Api.send("POST", link, null, "List-Unsubscribe=One-Click", Map.of("Content-Type", FORM));
            assertEquals(200, done.statusCode(), "one-click POST " + (i + 1) + ": " + done.body());
            assertEquals("CAMPAIGNS", Api.read(done.body()).path("topic").asText());
            assertFalse(Api.read(done.body()).path("subscribed").asBoolean(true));
        }
        JsonNode channels = Api.read(preferences(gateway, secretariat, contact).body()).path("channels");
        assertEquals(List.of("IN_APP", "WEBHOOK"), sorted(channels.path("CAMPAIGNS")));
        assertEquals(List.of("EMAIL", "IN_APP", "WEBHOOK"), sorted(channels.path("MEMBERSHIP")));
        assertEquals(List.of("EMAIL", "IN_APP", "WEBHOOK"), sorted(channels.path("NEWSLETTERS")));
        assertEquals("\"0\"", preferences(gateway, secretariat, otherContact).headers().firstValue("ETag").orElse(null),
                "the other contact's preferences are untouched");

        // refused links change nothing: a changed character, a payload naming the other contact, an expired one
        for (String bad : List.of(flip(token, 5), flip(token, token.indexOf('.') + 5),
                UnsubscribeLinks.forged(contact, otherContact))) {
            HttpResponse<String> refused = Api.send("POST", gateway + "/api/v1/notifications/unsubscribe?token=" + bad, null,
                    "List-Unsubscribe=One-Click", Map.of("Content-Type", FORM));
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(Api.isProblem(refused), "" + refused.headers().map());
        }
        HttpResponse<String> expired = Api.send("POST", gateway + "/api/v1/notifications/unsubscribe?token="
                + UnsubscribeLinks.token(UUID.fromString(otherContact), 'C', Instant.now().minusSeconds(60)), null, null, Map.of());
        assertEquals(410, expired.statusCode(), expired.body());
        assertTrue(Api.isProblem(expired));
        assertEquals("\"0\"", preferences(gateway, secretariat, otherContact).headers().firstValue("ETag").orElse(null));

        // the next campaign: the other contact's email is the marker; the one that left gets none
        publish(gateway, secretariat, "unsub-two-" + tag, "Two " + tag);
        MailServer.Received second = mail.await(m -> m.to().contains(staying) && m.subject().contains("Two " + tag), 1, WAIT)
                .get(0);
        assertNotNull(second.header("List-Unsubscribe"));
        assertEquals(0, mail.received().stream().filter(m -> m.to().contains(leaving) && m.subject().contains("Two " + tag))
                .count(), "no campaign email after the unsubscribe");
    }

    @Test
    void transactionalEmailThroughThePlatformHasNoUnsubscribeAndSaysWhy() {
        KeycloakTokens tokens = new KeycloakTokens(SharedPlatform.platform().servers().keycloak().url());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "welcome-" + tag + "@unsub.example";
        Api.expect(200, "POST", SharedPlatform.gateway() + "/api/v1/associations/" + FR + "/sync",
                tokens.clientCredentials("sync-fr", "sync-fr-dev-secret"), "{\"records\":[" + record("W-" + tag, email) + "]}");
        MailServer.Received welcome = SharedPlatform.platform().mail().await(m -> m.to().contains(email), 1, WAIT).get(0);
        assertNull(welcome.header("List-Unsubscribe"), "" + welcome.headers());
        assertNull(welcome.header("List-Unsubscribe-Post"));
        assertTrue(welcome.text().contains("You receive this email because you are a contact of Unsub W-" + tag),
                welcome.text());
    }

    private static String record(String externalId, String email) {
        return "{\"externalId\":\"" + externalId + "\",\"kind\":\"COMPANY\",\"legalName\":\"Unsub " + externalId
                + "\",\"displayName\":\"Unsub " + externalId + "\",\"country\":\"FR\",\"contacts\":[{\"name\":\"Uma\","
                + "\"email\":\"" + email + "\",\"role\":\"PRIMARY\",\"language\":\"en\",\"consents\":{\"campaigns\":true}}]}";
    }

    private static void publish(String gateway, String secretariat, String slug, String title) {
        String id = Api.expect(201, "POST", gateway + "/api/v1/campaigns", secretariat, "{\"slug\":\"" + slug
                + "\",\"title\":\"" + title + "\",\"summary\":\"S\",\"body\":\"B\",\"topic\":\"OTHER\","
                + "\"kind\":\"DECLARATION\",\"goal\":100}").path("id").asText();
        Api.expect(200, "POST", gateway + "/api/v1/campaigns/" + id + "/status", secretariat, "{\"status\":\"PUBLISHED\"}");
    }

    private static HttpResponse<String> preferences(String gateway, String token, String contact) {
        return Api.send("GET", gateway + "/api/v1/notifications/preferences/" + contact, token, null, Map.of());
    }

    /** {@code token} with the character at {@code at} changed: a byte of its payload, or of its signature. */
    private static String flip(String token, int at) {
        return token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    private static List<String> sorted(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        values.sort(null);
        return values;
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
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
