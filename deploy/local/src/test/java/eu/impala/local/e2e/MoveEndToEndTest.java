package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import eu.impala.local.KeycloakTokens;

/**
 * A member moved by the secretariat, through the gateway with real tokens: its old association's routine sync no
 * longer takes it back, its new association adopts it under its own key, and an association cannot decide a
 * member's standing itself.
 */
@ExtendWith(SharedPlatform.class)
class MoveEndToEndTest {

    private static final String FR = Tenant.Side.FR.association;
    private static final String DE = Tenant.Side.DE.association;
    private static final String TAG = UUID.randomUUID().toString().substring(0, 8);

    private static KeycloakTokens tokens() {
        return new KeycloakTokens(SharedPlatform.platform().servers().keycloak().url());
    }

    private static String record(String key, String memberId, String kind, String category, String name) {
        return "{\"records\":[{\"externalId\":\"" + key + "\"" + (memberId == null ? "" : ",\"memberId\":\"" + memberId + "\"")
                + ",\"kind\":\"" + kind + "\"" + (category == null ? "" : ",\"category\":\"" + category + "\"")
                + ",\"legalName\":\"" + name + "\",\"displayName\":\"" + name + "\",\"country\":\"FR\","
                + "\"contacts\":[{\"name\":\"Owner " + TAG + "\",\"email\":\"owner-" + TAG + "@moved.example\"}]}]}";
    }

    private static JsonNode sync(String association, String token, String body) {
        return Api.expect(200, "POST", SharedPlatform.gateway() + "/api/v1/associations/" + association + "/sync", token, body)
                .path("results").get(0);
    }

    @Test
    void aMemberMovedFromFrToDeIsNeverTakenBackByFrsSyncAndIsAdoptedByDeUnderItsOwnKey() {
        String gateway = SharedPlatform.gateway();
        KeycloakTokens tokens = tokens();
        String secretariat = tokens.demoUser("secretariat");
        String syncFr = tokens.clientCredentials("sync-fr", "sync-fr-dev-secret");
        String deAdmin = tokens.demoUser("de-admin");
        String name = "Moved Label " + TAG;
        String frList = record("FR-" + TAG, null, "COMPANY", null, name);
        String id = sync(FR, syncFr, frList).path("memberId").asText();

        HttpResponse<String> read = Api.send("GET", gateway + "/api/v1/members/" + id, secretariat, null, Map.of());
        String etag = read.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> moved = Api.send("PUT", gateway + "/api/v1/members/" + id, secretariat, "{\"kind\":\"COMPANY\","
                + "\"legalName\":\"" + name + "\",\"displayName\":\"" + name + "\",\"country\":\"FR\",\"representedBy\":\""
                + DE + "\"}", Map.of("If-Match", etag));
        assertEquals(200, moved.statusCode(), moved.body());

        // FR's next routine sync, the same list as before: moved, the member untouched, nothing of DE's in the answer
        HttpResponse<String> again = Api.send("POST", gateway + "/api/v1/associations/" + FR + "/sync", syncFr, frList, Map.of());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("moved", Api.read(again.body()).path("results").get(0).path("result").asText(), again.body());
        assertFalse(again.body().contains(id) || again.body().contains(DE), again.body());
        assertEquals(DE, Api.expect(200, "GET", gateway + "/api/v1/members/" + id, deAdmin, null).path("representedBy").asText());
        HttpResponse<String> frReads = Api.send("GET", gateway + "/api/v1/members/" + id, tokens.demoUser("fr-admin"), null, Map.of());
        assertEquals(404, frReads.statusCode(), frReads.body());
        assertTrue(Api.isProblem(frReads));

        // DE lists it under its own key: first told which member it looks like, then, naming it, adopts it
        JsonNode unnamed = sync(DE, deAdmin, record("DE-" + TAG, null, "COMPANY", null, name));
        assertEquals("rejected", unnamed.path("result").asText(), unnamed.toString());
        assertTrue(unnamed.path("errors").get(0).path("message").asText().contains(id), unnamed.toString());
        JsonNode adopted = sync(DE, deAdmin, record("DE-" + TAG, id, "COMPANY", null, name));
        assertEquals(id, adopted.path("memberId").asText(), adopted.toString());
        assertTrue(adopted.path("result").asText().matches("updated|unchanged"), adopted.toString());
        JsonNode listed = Api.expect(200, "GET", gateway + "/api/v1/members?limit=500&q=" + TAG, secretariat, null);
        long copies = 0;
        for (JsonNode m : listed.path("items")) {
            copies += name.equals(m.path("legalName").asText()) ? 1 : 0;
        }
        assertEquals(1, copies, "one member, adopted, not a second one");
    }

    @Test
    void anAssociationCannotDecideAMembersStandingButTheSecretariatCan() {
        String gateway = SharedPlatform.gateway();
        KeycloakTokens tokens = tokens();
        String frAdmin = tokens.demoUser("fr-admin");
        String syncFr = tokens.clientCredentials("sync-fr", "sync-fr-dev-secret");
        String member = "{\"kind\":\"%s\",\"legalName\":\"Standing " + TAG + "\",\"displayName\":\"Standing\","
                + "\"country\":\"FR\",\"category\":\"%s\",\"representedBy\":\"%s\"}";
        for (String body : new String[] {member.formatted("NATIONAL_ASSOCIATION", "REPRESENTED", FR),
                member.formatted("COMPANY", "DIRECT", FR), member.formatted("COMPANY", "REPRESENTED", DE)}) {
            HttpResponse<String> refused = Api.send("POST", gateway + "/api/v1/members", frAdmin, body, Map.of());
            assertEquals(403, refused.statusCode(), body + " -> " + refused.body());
            assertTrue(Api.isProblem(refused), refused.body());
        }
        String own = Api.expect(201, "POST", gateway + "/api/v1/members", frAdmin,
                member.formatted("COMPANY", "REPRESENTED", FR)).path("id").asText();
        HttpResponse<String> status = Api.send("POST", gateway + "/api/v1/members/" + own + "/status", frAdmin,
                "{\"status\":\"ACTIVE\",\"reason\":\"paid\"}", Map.of());
        assertEquals(403, status.statusCode(), status.body());
        assertTrue(Api.isProblem(status));

        JsonNode direct = sync(FR, syncFr, record("DIRECT-" + TAG, null, "COMPANY", "DIRECT", "Direct " + TAG));
        assertEquals("rejected", direct.path("result").asText(), direct.toString());
        JsonNode national = sync(FR, syncFr, record("NA-" + TAG, null, "NATIONAL_ASSOCIATION", null, "Verband " + TAG));
        assertEquals("rejected", national.path("result").asText(), national.toString());
        JsonNode bySecretariat = sync(FR, tokens.demoUser("secretariat"),
                record("DIRECT-" + TAG, null, "COMPANY", "DIRECT", "Direct " + TAG));
        assertEquals("created", bySecretariat.path("result").asText(), bySecretariat.toString());
    }
}
