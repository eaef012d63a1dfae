package eu.impala.local.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import eu.impala.local.KeycloakServer;

/**
 * What the tests read and change in the test run's own Keycloak through its admin REST API: a demo user's attribute
 * (the member its token names) and sessions, a client's access-token lifespan, and the console's address on this run's
 * free port.
 */
final class KeycloakAdmin {

    private final String url;

    KeycloakAdmin(String keycloakUrl) {
        this.url = keycloakUrl.replaceAll("/+$", "");
    }

    /** Sets one attribute of a user of realm impala; its next tokens carry the new claim. */
    void setUserAttribute(String username, String attribute, String value) {
        String users = realm() + "/users";
        JsonNode found = Api.expect(200, "GET", users + "?exact=true&username=" + enc(username), token(), null);
        ObjectNode user = (ObjectNode) found.get(0);
        ((ObjectNode) user.with("attributes")).putArray(attribute).add(value);
        Api.expect(204, "PUT", users + "/" + user.get("id").asText(), token(), user.toString());
    }

    /** One attribute of a user of realm impala (its first value), or null. */
    String userAttribute(String username, String attribute) {
        JsonNode found = Api.expect(200, "GET", realm() + "/users?exact=true&username=" + enc(username), token(), null);
        JsonNode values = found.get(0).path("attributes").path(attribute);
        return values.isArray() && values.size() > 0 ? values.get(0).asText() : null;
    }

    /** Sets an attribute of a client of realm impala, e.g. {@code access.token.lifespan} in seconds. */
    void setClientAttribute(String clientId, String attribute, String value) {
        String clients = realm() + "/clients";
        JsonNode found = Api.expect(200, "GET", clients + "?clientId=" + enc(clientId), token(), null);
        ObjectNode client = (ObjectNode) found.get(0);
        ((ObjectNode) client.with("attributes")).put(attribute, value);
        Api.expect(204, "PUT", clients + "/" + client.get("id").asText(), token(), client.toString());
    }

    /** An attribute of a client of realm impala, or null when the client has none (the realm's default applies). */
    String clientAttribute(String clientId, String attribute) {
        JsonNode found = Api.expect(200, "GET", realm() + "/clients?clientId=" + enc(clientId), token(), null);
        JsonNode value = found.get(0).path("attributes").path(attribute);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** Ends every Keycloak session of a user of realm impala: its refresh tokens are worthless from now on. */
    void logOut(String username) {
        JsonNode found = Api.expect(200, "GET", realm() + "/users?exact=true&username=" + enc(username), token(), null);
        Api.expect(204, "POST", realm() + "/users/" + found.get(0).get("id").asText() + "/logout", token(), null);
    }

    /**
     * Lets a public client sign users in to the console at {@code origin} (scheme, host, port): its redirect and
     * post-logout URIs and its web origin, as an operator registers the address a deployment's console has.
     */
    void allowConsoleAt(String clientId, String origin) {
        String clients = realm() + "/clients";
        ObjectNode client = (ObjectNode) Api.expect(200, "GET", clients + "?clientId=" + enc(clientId), token(), null).get(0);
        String console = origin + "/console/*";
        addOnce(client.withArray("redirectUris"), console);
        addOnce(client.withArray("webOrigins"), origin);
        ObjectNode attributes = client.with("attributes");
        String logout = attributes.path("post.logout.redirect.uris").asText("");
        if (!logout.contains(console)) {
            attributes.put("post.logout.redirect.uris", logout.isEmpty() ? console : logout + "##" + console);
        }
        Api.expect(204, "PUT", clients + "/" + client.get("id").asText(), token(), client.toString());
    }

    private static void addOnce(ArrayNode values, String value) {
        for (JsonNode existing : values) {
            if (existing.asText().equals(value)) {
                return;
            }
        }
        values.add(value);
    }

    private String realm() {
        return url + "/admin/realms/" + KeycloakServer.REALM;
    }

    /** A fresh token of the master realm's admin (the test server's local admin/admin). */
    private String token() {
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(KeycloakServer.ADMIN_USER)
                + "&password=" + enc(KeycloakServer.ADMIN_PASSWORD);
        var response = Api.sendForm(url + "/realms/master/protocol/openid-connect/token", form);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused the admin token: " + response.body());
        }
        return Api.read(response.body()).get("access_token").asText();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
