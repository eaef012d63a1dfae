package eu.impala.membership;

import static io.restassured.RestAssured.given;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.ConfigProvider;

import eu.impala.local.DemoData;
import eu.impala.local.KeycloakTokens;
import eu.impala.local.Secretariat;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Registering members through the API, the way tests set up their data. */
public final class TestMembers {

    /** The demo realm's associations, FR and DE, whose ids the demo users' and clients' tokens carry. */
    public static final String FR = DemoData.FR;
    public static final String DE = DemoData.DE;

    /** Associations this JVM made sure of: each is registered once, however many tests use it. */
    private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

    private TestMembers() {
    }

    public static String body(String name, String country, String representedBy) {
        return "{\"kind\":\"COMPANY\",\"legalName\":\"" + name + " Ltd\",\"displayName\":\"" + name + "\",\"country\":\""
                + country + "\"" + (representedBy == null ? "" : ",\"representedBy\":\"" + representedBy + "\"") + "}";
    }

    public static Response register(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/members");
    }

    /** Makes sure the demo realm's associations are registered and ACTIVE, for tests that use their tokens. */
    public static void demoAssociations() {
        association(FR);
        association(DE);
    }

    /**
     * Makes sure {@code id} is an ACTIVE national association, as the secretariat does before an association syncs:
     * registered under the id its tokens carry, then admitted. Returns the id, for a test to use as it comes.
     */
    public static String association(String id) {
        if (REGISTERED.contains(id)) {
            return id;
        }
        String secretariat = KeycloakTokens.cachedDemoUser(
                ConfigProvider.getConfig().getValue("impala.test.keycloak.url", String.class), "secretariat");
        new Secretariat("http://localhost:" + RestAssured.port, secretariat).association(id);
        REGISTERED.add(id);
        return id;
    }

    /** A new ACTIVE national association, for a test that needs one of its own. */
    public static UUID newAssociation() {
        return UUID.fromString(association(UUID.randomUUID().toString()));
    }
}
