package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import eu.impala.local.KeycloakTokens;

/**
 * Two records of one label merged by the secretariat, through the gateway with real tokens: found in the duplicates
 * list, merged with both versions, FR's next sync under the duplicate's key updates the survivor, the duplicate's
 * campaign signature is the survivor's with the count unchanged, and no association may merge.
 */
@ExtendWith(SharedPlatform.class)
class MergeEndToEndTest {

    private static final String FR = Tenant.Side.FR.association;
    private static final String TAG = UUID.randomUUID().toString().substring(0, 8);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static String record(String key, String name, String email) {
        return "{\"externalId\":\"" + key + "\",\"kind\":\"COMPANY\",\"legalName\":\"" + name + "\",\"displayName\":\""
                + name + "\",\"country\":\"FR\",\"contacts\":[{\"name\":\"Owner " + TAG + "\",\"email\":\"" + email
                + "\",\"role\":\"PRIMARY\",\"language\":\"fr\"}]}";
    }

    @Test
    void theSecretariatMergesFrsTwoRecordsOfOneLabelAndEitherKeyThenSyncsTheSurvivor() {
        String gateway = SharedPlatform.gateway();
        KeycloakTokens tokens = new KeycloakTokens(SharedPlatform.platform().servers().keycloak().url());
        String secretariat = tokens.demoUser("secretariat");
        String syncFr = tokens.clientCredentials("sync-fr", "sync-fr-dev-secret");
        String survivorKey = "FR-KEEP-" + TAG;
        String duplicateKey = "FR-TWICE-" + TAG;
        JsonNode results = Api.expect(200, "POST", gateway + "/api/v1/associations/" + FR + "/sync", syncFr,
                "{\"records\":[" + record(survivorKey, "Lumen " + TAG + " SAS", "keep-" + TAG + "@lumen.example") + ","
                        + record(duplicateKey, "LUMEN " + TAG, "twice-" + TAG + "@lumen.example") + "]}").path("results");
        String survivor = results.get(0).path("memberId").asText();
        String duplicate = results.get(1).path("memberId").asText();

        // FR's admin signs a campaign for the duplicate record, once campaigns knows it
        String slug = "merge-" + TAG;
        String campaign = Api.expect(201, "POST", gateway + "/api/v1/campaigns", secretariat, "{\"slug\":\"" + slug
                + "\",\"title\":\"Merge " + TAG + "\",\"summary\":\"S\",\"body\":\"B\",\"topic\":\"OTHER\","
                + "\"kind\":\"DECLARATION\"}").path("id").asText();
        Api.expect(200, "POST", gateway + "/api/v1/campaigns/" + campaign + "/status", secretariat, "{\"status\":\"PUBLISHED\"}");
        String frAdmin = tokens.demoUser("fr-admin");
        await("campaigns lets FR sign for " + duplicate, () -> Api.send("POST", gateway + "/api/v1/campaigns/" + campaign
                + "/signatures", frAdmin, "{\"memberId\":\"" + duplicate + "\"}", Map.of()).statusCode() == 201);
        assertEquals(1, counters(gateway, slug).path("total").asInt());

        // the secretariat finds the pair
        assertTrue(paired(gateway, secretariat, survivor, duplicate), "the two records are listed as a pair");

        String survivorTag = etag(gateway, secretariat, survivor);
        String duplicateVersion = etag(gateway, secretariat, duplicate).replace("\"", "");
        String merge = "{\"duplicateId\":\"" + duplicate + "\",\"duplicateVersion\":" + duplicateVersion
                + ",\"reason\":\"FR listed the label twice\"}";
        // no association merges, whether it represents the members or not, and no sync client
        for (String token : new String[] {frAdmin, tokens.demoUser("de-admin"), syncFr}) {
            HttpResponse<String> refused = Api.send("POST", gateway + "/api/v1/members/" + survivor + "/merge", token,
                    merge, Map.of("If-Match", survivorTag));
            assertEquals(403, refused.statusCode(), refused.body());
            assertTrue(Api.isProblem(refused), refused.body());
        }
        HttpResponse<String> stale = Api.send("POST", gateway + "/api/v1/members/" + survivor + "/merge", secretariat,
                merge, Map.of("If-Match", "\"999\""));
        assertEquals(412, stale.statusCode(), stale.body());
        HttpResponse<String> merged = Api.send("POST", gateway + "/api/v1/members/" + survivor + "/merge", secretariat,
                merge, Map.of("If-Match", survivorTag));
        assertEquals(200, merged.statusCode(), merged.body());
        assertEquals(survivor, Api.read(merged.body()).path("id").asText());

        // the duplicate's read leads to the survivor
        HttpResponse<String> gone = Api.send("GET", gateway + "/api/v1/members/" + duplicate, secretariat, null, Map.of());
        assertEquals(308, gone.statusCode(), gone.body());
        assertTrue(gone.headers().firstValue("Location").orElse("").endsWith("/api/v1/members/" + survivor),
                gone.headers().map().toString());
        assertFalse(paired(gateway, secretariat, survivor, duplicate), "a merged pair is no duplicate any more");

        // FR's next sync under the duplicate's key updates the survivor, never the duplicate
        JsonNode next = Api.expect(200, "POST", gateway + "/api/v1/associations/" + FR + "/sync", syncFr,
                "{\"records\":[" + record(duplicateKey, "Lumen " + TAG + " Records SAS", "keep-" + TAG + "@lumen.example")
                        + "]}").path("results").get(0);
        assertEquals("updated", next.path("result").asText(), next.toString());
        assertEquals(survivor, next.path("memberId").asText(), next.toString());
        assertEquals("Lumen " + TAG + " Records SAS", Api.expect(200, "GET", gateway + "/api/v1/members/" + survivor,
                frAdmin, null).path("legalName").asText());

        // the signature is the survivor's, and the campaign still counts one
        await("the duplicate's signature shows under the survivor", () -> {
            HttpResponse<String> signed = Api.send("GET", gateway + "/api/v1/campaigns/signed-by/" + survivor, secretariat,
                    null, Map.of());
            return signed.statusCode() == 200 && signed.body().contains(campaign);
        });
        assertEquals(1, counters(gateway, slug).path("total").asInt());
        HttpResponse<String> again = Api.send("POST", gateway + "/api/v1/campaigns/" + campaign + "/signatures", frAdmin,
                "{\"memberId\":\"" + survivor + "\"}", Map.of());
        assertEquals(200, again.statusCode(), "the survivor has signed already: " + again.body());
        assertEquals(1, counters(gateway, slug).path("total").asInt());
    }

    private static JsonNode counters(String gateway, String slug) {
        return Api.expect(200, "GET", gateway + "/api/v1/campaigns/public/" + slug + "/counters", null, null);
    }

    private static String etag(String gateway, String token, String member) {
        return Api.send("GET", gateway + "/api/v1/members/" + member, token, null, Map.of()).headers().firstValue("ETag")
                .orElseThrow();
    }

    /** Whether the secretariat's duplicates list, every page of it, pairs the two. */
    private static boolean paired(String gateway, String token, String one, String two) {
        String cursor = null;
        do {
            JsonNode page = Api.expect(200, "GET", gateway + "/api/v1/members/duplicates?limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor), token, null);
            for (JsonNode pair : page.path("items")) {
                String first = pair.path("first").path("id").asText();
                String second = pair.path("second").path("id").asText();
                if (first.equals(one) && second.equals(two) || first.equals(two) && second.equals(one)) {
                    return true;
                }
            }
            cursor = page.hasNonNull("next") ? page.path("next").asText() : null;
        } while (cursor != null);
        return false;
    }

    private static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("never: " + what);
    }
}
