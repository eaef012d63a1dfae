package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import eu.impala.local.DemoData;
import eu.impala.local.KeycloakTokens;

/**
 * The demo data the platform makes on start, as {@code ./run.sh} does: every demo user sees data of its own at once,
 * and making it again makes nothing.
 */
@ExtendWith(SharedPlatform.class)
class DemoDataTest {

    private static String keycloak() {
        return SharedPlatform.platform().servers().keycloak().url();
    }

    private static JsonNode get(String token, String path) {
        return Api.expect(200, "GET", SharedPlatform.gateway() + path, token, null);
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    void theAssociationsStaffAndSystemsSeeTheirAssociationAndTheMemberItRepresents() {
        KeycloakTokens tokens = new KeycloakTokens(keycloak());
        Map<String, String[]> sides = new LinkedHashMap<>();
        sides.put(DemoData.FR, new String[] {"fr-admin", "sync-fr", DemoData.LABEL});
        sides.put(DemoData.DE, new String[] {"de-admin", "sync-de", DemoData.ARTIST});
        sides.forEach((association, side) -> {
            for (String token : List.of(tokens.demoUser(side[0]), tokens.clientCredentials(side[1], side[1] + "-dev-secret"))) {
                JsonNode profile = get(token, "/api/v1/associations/" + association);
                assertEquals("NATIONAL_ASSOCIATION", profile.path("kind").asText());
                assertEquals("ACTIVE", profile.path("status").asText());
                assertTrue(get(token, "/api/v1/associations/" + association + "/summary").path("membersByStatus")
                        .path("ACTIVE").asInt() >= 1, "its demo member counts among its ACTIVE members");
                // read by id: the shared platform's other tests add members to FR, so a first page may not hold it
                assertEquals(association, get(token, "/api/v1/members/" + side[2]).path("representedBy").asText(),
                        side[0] + " reads the demo member its association represents");
            }
        });
        String secretariat = tokens.demoUser("secretariat");
        assertEquals("Labels FR", get(secretariat, "/api/v1/associations/" + DemoData.FR).path("displayName").asText());
    }

    @Test
    void theMemberAdminsSeeTheirOwnMemberAndItsPrimaryContactAsTheRealmBindsThem() {
        // the access matrix binds the member-admins to members of its own for its run: here they are bound as the
        // realm file ships them, and left as they were found
        KeycloakAdmin admin = new KeycloakAdmin(keycloak());
        Map<String, String> shipped = Map.of("label-admin", DemoData.LABEL, "artist-admin", DemoData.ARTIST);
        Map<String, String> found = new LinkedHashMap<>();
        shipped.keySet().forEach(user -> found.put(user, admin.userAttribute(user, "member_id")));
        try {
            shipped.forEach((user, member) -> admin.setUserAttribute(user, "member_id", member));
            KeycloakTokens tokens = new KeycloakTokens(keycloak());
            shipped.forEach((user, member) -> {
                String token = tokens.demoUser(user);
                assertEquals(List.of(member), ids(get(token, "/api/v1/members").path("items")), user + " sees its member");
                JsonNode contacts = get(token, "/api/v1/members/" + member + "/contacts");
                assertEquals(1, contacts.size(), user + "'s member has its contact");
                assertEquals("PRIMARY", contacts.get(0).path("role").asText());
            });
        } finally {
            found.forEach((user, member) -> {
                if (member != null) {
                    admin.setUserAttribute(user, "member_id", member);
                }
            });
        }
    }

    @Test
    void makingTheDemoDataAgainMakesNothing() {
        String secretariat = new KeycloakTokens(keycloak()).demoUser("secretariat");
        long before = get(secretariat, "/api/v1/members/" + DemoData.LABEL).path("version").asLong();
        assertEquals(List.of(), SharedPlatform.platform().ensureDemoData(), "a second start finds everything there");
        assertEquals(before, get(secretariat, "/api/v1/members/" + DemoData.LABEL).path("version").asLong());
        assertEquals(1, get(secretariat, "/api/v1/members/" + DemoData.LABEL + "/contacts").size());
    }
}
