package eu.impala.local.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import eu.impala.local.KeycloakServer;

/**
 * What the tests read and change in the test run's own Keycloak through its admin REST API: a demo user's attribute
 * (the member its token names) and a client's access-token lifespan.
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
