package eu.impala.gateway.routing;

import static eu.impala.gateway.GatewayTestServers.PROBLEM;
import static eu.impala.gateway.GatewayTestServers.tokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import eu.impala.gateway.EchoUpstream;

/** The default profile trusts no proxy, as production does until the chart names the ingress controller's network. */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void aServicesAnswerIsPassedOnWithTheSecurityHeaders() {
        given().auth().oauth2(tokens().demoUser("secretariat")).get("/api/v1/campaigns/7")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Strict-Transport-Security", nullValue())
                .header("Content-Security-Policy", nullValue());
    }

    @Test
    void theGatewaysOwnProblemAnswersCarryThemToo() {
        given().get("/api/v1/members").then().statusCode(401).contentType(PROBLEM)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
        given().auth().oauth2(tokens().demoUser("secretariat")).get("/api/v2/members").then().statusCode(404)
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void aCorsPreflightCarriesThem() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/members")
                .then().statusCode(200).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void swaggerUiIsServedWithAContentSecurityPolicyAndCannotBeFramed() {
        Response page = given().get("/q/swagger-ui/");
        page.then().statusCode(200).contentType(startsWith("text/html"))
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", is(SecurityHeaders.SWAGGER_UI_POLICY))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("connect-src 'self';"));
        // the policy admits only this origin: the page must load nothing from elsewhere
        Matcher link = Pattern.compile("(?:src|href)\\s*=\\s*['\"]([^'\"]*)['\"]").matcher(page.asString());
        int links = 0;
        while (link.find()) {
            links++;
            assertTrue(!link.group(1).contains("//"), "Swagger UI loads " + link.group(1) + " from another origin");
        }
        assertTrue(links > 0, page.asString());
    }

    @Test
    void htmlAServiceSendsGetsTheStrictPolicyUnlessItHasOneAndNoHeaderIsDoubled() {
        Response page = given().get(EchoUpstream.PAGE);
        page.then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", EchoUpstream.PAGE_POLICY)
                .header("X-Frame-Options", "DENY");
        assertEquals(1, page.headers().getList("X-Content-Type-Options").size(), page.headers().toString());
        assertEquals(1, page.headers().getList("Content-Security-Policy").size(), page.headers().toString());
    }

    @Test
    void theMergedOpenApiCarriesThem() {
        given().get("/q/openapi").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", nullValue());
    }

    @Test
    void forwardedHeadersFromAPeerNobodyTrustsAreNotBelieved() {
        given().header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "198.51.100.66")
                .header("X-Forwarded-Port", "8443")
                .get("/api/v1/campaigns/public/fair-digital-deals")
                .then().statusCode(200)
                .header("Strict-Transport-Security", nullValue())
                .body("forwardedProto", is("http"))
                .body("forwardedFor", not(containsString("198.51.100.66")))
                .body("forwardedPort", nullValue());
    }
}
