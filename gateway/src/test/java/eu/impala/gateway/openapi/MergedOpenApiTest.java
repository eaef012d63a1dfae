package eu.impala.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MergedOpenApiTest {

    @Test
    void theDocumentHoldsEachServicesRoutedPathsOnly() {
        given().get("/q/openapi").then().statusCode(200).contentType("application/json")
                .body("info.title", is("IMPALA API"))
                .body("paths", hasKey("/api/v1/members"))
                .body("paths", hasKey("/api/v1/campaigns/public/{slug}"))
                .body("paths", not(hasKey("/internal/status")))
                .body("components.securitySchemes.jwt.scheme", is("bearer"))
                .body("paths", hasKey("/api/v1/me"))
                .body("paths.'/api/v1/me'.get.operationId", is("getMe"))
                .body("servers[0].url", is("/"))
                .body("tags.name", is(List.of("Members", "Session")));
    }

    @Test
    void aServiceThatIsDownIsNamedInTheDocument() {
        given().get("/q/openapi").then().statusCode(200)
                .body("x-impala-unavailable", is(List.of("notifications-service")))
                .body("info.description", containsString("notifications-service"));
    }
}
