package eu.impala.gateway.auth;

import static eu.impala.gateway.GatewayTestServers.PROBLEM;
import static eu.impala.gateway.GatewayTestServers.tokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A token the gateway verified once lets its caller's next requests in without another verification, and nothing
 * else: not a tampered copy, not another caller. (Expiry ending a remembered token is proven end to end by
 * {@code ExpiredTokenTest} in deploy/local, with a token Keycloak issued for two seconds.)
 */
@QuarkusTest
class VerifiedTokensTest {

    @Inject
    VerifiedTokens verified;

    @Test
    void aVerifiedTokensNextRequestIsLetInWithoutAnotherVerification() {
        String token = tokens().demoUser("fr-admin");
        given().auth().oauth2(token).get("/api/v1/members").then().statusCode(200);
        long before = verified.hits();
        given().auth().oauth2(token).get("/api/v1/members").then().statusCode(200)
                .body("authorization", is("Bearer " + token));
        assertEquals(before + 1, verified.hits(), "the second request was let in on the remembered verification");
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsStillA401Problem() {
        String token = tokens().demoUser("label-admin");
        given().auth().oauth2(token).get("/api/v1/members").then().statusCode(200);
        String[] parts = token.split("\\.");
        String otherSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        String otherClaims = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];
        given().auth().oauth2(otherSignature).get("/api/v1/members").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(otherClaims).get("/api/v1/members").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void eachRememberedTokenStaysItsOwnCallersIdentity() {
        String fr = tokens().demoUser("fr-admin");
        String de = tokens().demoUser("de-admin");
        for (int round = 0; round < 2; round++) { // the second round is answered from remembered verifications
            given().auth().oauth2(fr).get("/api/v1/me").then().statusCode(200)
                    .body("username", is("fr-admin")).body("associationId", is("0a5f0000-0000-4000-8000-000000000001"));
            given().auth().oauth2(de).get("/api/v1/me").then().statusCode(200)
                    .body("username", is("de-admin")).body("associationId", is("0a5f0000-0000-4000-8000-000000000002"));
        }
    }
}
