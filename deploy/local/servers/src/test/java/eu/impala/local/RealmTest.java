package eu.impala.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The realm file, imported into a real Keycloak, issues the tokens the platform's rules rely on. */
class RealmTest {

    private static final String FR = "0a5f0000-0000-4000-8000-000000000001";
    private static final String DE = "0a5f0000-0000-4000-8000-000000000002";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;
    static LocalServers servers;
    static KeycloakTokens tokens;

    @BeforeAll
    static void startKeycloak() {
        home.toFile().setExecutable(true, false);
        servers = new LocalServers(home, LocalServers.Ports.FREE, false, List.of());
        servers.ensure(EnumSet.of(LocalServers.Server.KEYCLOAK));
        servers.figures().forEach(line -> System.out.println("[impala-local] " + line));
        tokens = new KeycloakTokens(servers.keycloak().url());
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @Test
    void theSecretariatIsPlatformAdminForTheApi() throws Exception {
        JsonNode claims = claims(tokens.demoUser("secretariat"));
        assertTrue(roles(claims).contains("platform-admin"), claims.toString());
        assertTrue(audience(claims).contains("impala-api"), claims.toString());
        assertEquals(servers.keycloak().realmUrl(), claims.get("iss").asText());
        assertFalse(claims.has("association_id"));
    }

    @Test
    void associationStaffCarryTheirAssociation() throws Exception {
        JsonNode fr = claims(tokens.demoUser("fr-admin"));
        assertEquals(FR, fr.get("association_id").asText());
        assertTrue(roles(fr).contains("association-admin"));
        assertFalse(roles(fr).contains("platform-admin"));
        assertEquals(DE, claims(tokens.demoUser("de-admin")).get("association_id").asText());
    }

    @Test
    void memberStaffCarryTheirMember() throws Exception {
        JsonNode label = claims(tokens.demoUser("label-admin"));
        assertEquals("0b5f0000-0000-4000-8000-000000000101", label.get("member_id").asText());
        assertTrue(roles(label).contains("member-admin"));
        assertEquals("0b5f0000-0000-4000-8000-000000000102",
                claims(tokens.demoUser("artist-admin")).get("member_id").asText());
    }

    @Test
    void syncClientsGetTheirAssociationThroughClientCredentials() throws Exception {
        JsonNode fr = claims(tokens.clientCredentials("sync-fr", "sync-fr-dev-secret"));
        assertEquals(FR, fr.get("association_id").asText());
        assertTrue(roles(fr).contains("sync-client"));
        assertTrue(audience(fr).contains("impala-api"));
        assertEquals(DE, claims(tokens.clientCredentials("sync-de", "sync-de-dev-secret")).get("association_id").asText());
    }

    @Test
    void wrongSecretsAndPasswordsGetNoToken() {
        assertThrows(IllegalStateException.class, () -> tokens.clientCredentials("sync-fr", "sync-de-dev-secret"));
        assertThrows(IllegalStateException.class, () -> tokens.password("secretariat", "guess"));
        // a sync client cannot log in as a user, nor a user through the gateway's confidential client
        assertThrows(IllegalStateException.class, () -> tokens.clientCredentials("impala-gateway", "wrong"));
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(KeycloakTokens.payload(jwt));
    }

    private static List<String> roles(JsonNode claims) {
        List<String> roles = new ArrayList<>();
        claims.path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    private static List<String> audience(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        List<String> out = new ArrayList<>();
        if (aud.isArray()) {
            aud.forEach(a -> out.add(a.asText()));
        } else if (!aud.isMissingNode()) {
            out.add(aud.asText());
        }
        return out;
    }
}
