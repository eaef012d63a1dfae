package eu.impala.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.RealServersTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealServersTestResource.class, initArgs = @ResourceArg(name = "servers", value = "keycloak"))
@QuarkusTestResource(EchoUpstream.class)
class GatewayRoutingTest {

    private static final String PROBLEM = "application/problem+json";

    private static KeycloakTokens tokens() {
        return new KeycloakTokens(ConfigProvider.getConfig().getValue("impala.test.keycloak.url", String.class));
    }

    @Test
    void withoutATokenTheApiIs401() {
        given().get("/api/v1/members/42").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", is(401));
    }

    @Test
    void aForgedOrTamperedTokenIs401() {
        given().auth().oauth2("garbage").get("/api/v1/members").then().statusCode(401).contentType(PROBLEM);
        String token = tokens().demoUser("secretariat");
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];
        given().auth().oauth2(tampered).get("/api/v1/members").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void aValidTokenIsRelayedWithPathAndQuery() {
        String token = tokens().demoUser("fr-admin");
        given().auth().oauth2(token).get("/api/v1/associations/abc/changes?cursor=x&limit=5")
                .then().statusCode(200)
                .header(ApiRoutes.REQUEST_ID, notNullValue())
                .body("method", is("GET"))
                .body("path", is("/api/v1/associations/abc/changes"))
                .body("query", is("cursor=x&limit=5"))
                .body("authorization", is("Bearer " + token))
                .body("requestId", notNullValue());
    }

    @Test
    void aLargeBodyIsStreamedThroughUnchanged() throws Exception {
        byte[] body = new byte[5 * 1024 * 1024];
        new Random(7).nextBytes(body);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        given().auth().oauth2(tokens().clientCredentials("sync-fr", "sync-fr-dev-secret"))
                .contentType("application/octet-stream").body(body)
                .post("/api/v1/associations/x/sync")
                .then().statusCode(200)
                .body("method", is("POST"))
                .body("bodyBytes", is(body.length))
                .body("bodySha256", is(sha));
    }

    @Test
    void aCallersRequestIdIsKept() {
        given().auth().oauth2(tokens().demoUser("secretariat")).header(ApiRoutes.REQUEST_ID, "req-123")
                .get("/api/v1/campaigns/7").then().statusCode(200)
                .header(ApiRoutes.REQUEST_ID, is("req-123"))
                .body("requestId", is("req-123"));
    }

    @Test
    void publicCampaignPagesNeedNoToken() {
        given().get("/api/v1/campaigns/public/fair-digital-deals").then().statusCode(200)
                .body("path", is("/api/v1/campaigns/public/fair-digital-deals"))
                .body("authorization", nullValue());
        given().post("/api/v1/campaigns/public/fair-digital-deals").then().statusCode(401);
    }

    @Test
    void aServiceThatIsDownIsA503Problem() {
        given().auth().oauth2(tokens().demoUser("label-admin")).get("/api/v1/notifications/inbox")
                .then().statusCode(503).contentType(PROBLEM)
                .body("status", is(503))
                .body("detail", startsWith("notifications-service"));
    }

    @Test
    void aPathNoServiceOwnsIsA404Problem() {
        given().auth().oauth2(tokens().demoUser("secretariat")).get("/api/v2/members")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void healthIsOpen() {
        given().get("/q/health/live").then().statusCode(200);
    }
}
