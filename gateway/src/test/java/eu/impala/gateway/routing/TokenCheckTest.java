package eu.impala.gateway.routing;

import static eu.impala.gateway.GatewayTestServers.PROBLEM;
import static eu.impala.gateway.GatewayTestServers.tokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import eu.impala.gateway.GatewayTestServers;
import eu.impala.local.KeycloakServer;
import eu.impala.local.KeycloakTokens;

@QuarkusTest
class TokenCheckTest {

    @Test
    void withoutATokenTheApiIs401Problem() {
        given().get("/api/v1/members/42").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", is("https://api.impala.eu/problems/unauthorized"))
                .body("title", is("Unauthorized"))
                .body("status", is(401))
                .body("instance", is("/api/v1/members/42"));
    }

    @Test
    void aGarbageTokenIs401Problem() {
        given().auth().oauth2("garbage").get("/api/v1/members").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer error=\"invalid_token\""));
    }

    @Test
    void aTokenWhoseClaimsWereTamperedWithIs401Problem() {
        String[] parts = tokens().demoUser("label-admin").split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];
        given().auth().oauth2(tampered).get("/api/v1/members").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void aGenuineTokenOfAnotherRealmIs401Problem() throws Exception {
        given().auth().oauth2(masterRealmAdminToken()).get("/api/v1/members").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void writingToAPublicCampaignPageNeedsAToken() {
        given().post("/api/v1/campaigns/public/fair-digital-deals").then().statusCode(401).contentType(PROBLEM);
    }

    /** Only GET and POST of the unsubscribe path itself are open: nothing beside it or under it. */
    @Test
    void theUnsubscribeLinkOpensNothingElseOfNotifications() {
        given().put("/api/v1/notifications/unsubscribe?token=abc.def").then().statusCode(401).contentType(PROBLEM);
        given().delete("/api/v1/notifications/unsubscribe?token=abc.def").then().statusCode(401).contentType(PROBLEM);
        given().post("/api/v1/notifications/unsubscribe/more?token=abc.def").then().statusCode(401).contentType(PROBLEM);
        given().get("/api/v1/notifications/unsubscribes?token=abc.def").then().statusCode(401).contentType(PROBLEM);
        given().get("/api/v1/notifications/preferences/0b5f0000-0000-4000-8000-000000000101?token=abc.def")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void anAnonymousCallerLearnsNothingAboutUnknownApiPaths() {
        given().get("/api/v1/no-such-thing").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void aPathNoServiceOwnsIsA404ProblemForAnAuthenticatedCaller() {
        given().auth().oauth2(tokens().demoUser("secretariat")).get("/api/v2/members")
                .then().statusCode(404).contentType(PROBLEM).body("status", is(404));
    }

    @Test
    void healthOpenApiAndSwaggerUiNeedNoToken() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    /** Keycloak's own admin token: signed by the same server, but issued by realm master for admin-cli. */
    @Test
    void aGenuineTokenOfOurRealmIssuedForAnotherAudienceIs401Problem() throws Exception {
        // admin-cli exists in every realm and has no audience mapper: its tokens are not meant for impala-api
        String token = token("impala", "grant_type=password&client_id=admin-cli&username=secretariat&password=secretariat-demo");
        assertFalse(KeycloakTokens.payload(token).contains("impala-api"), "the token really lacks our audience");
        given().auth().oauth2(token).get("/api/v1/members").then().statusCode(401).contentType(PROBLEM);
    }

    private static String masterRealmAdminToken() throws Exception {
        return token("master", "grant_type=password&client_id=admin-cli&username=" + KeycloakServer.ADMIN_USER
                + "&password=" + KeycloakServer.ADMIN_PASSWORD);
    }

    private static String token(String realm, String form) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(GatewayTestServers.keycloakUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("no " + realm + " realm token: " + response.body());
        }
        return token.group(1);
    }
}
