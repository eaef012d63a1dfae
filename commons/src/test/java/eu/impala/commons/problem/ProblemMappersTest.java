package eu.impala.commons.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ProblemMappersTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void invalidFieldsAreA400NamingEachField() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"country\":\"France\",\"count\":11,\"items\":[{\"name\":\"ok\"},{\"name\":\" \"}]}")
                .post("/test/problems")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", startsWith(Problem.TYPE_BASE))
                .body("status", org.hamcrest.Matchers.is(400))
                .body("instance", org.hamcrest.Matchers.is("/test/problems"))
                .body("errors.field", allOf(hasItem("name"), hasItem("country"), hasItem("count"), hasItem("items[1].name")))
                .body("errors.find { it.field == 'country' }.message", org.hamcrest.Matchers.is("must be an ISO 3166-1 alpha-2 code"));
    }

    @Test
    void aMissingBodyIsA400() {
        given().contentType(ContentType.JSON).post("/test/problems")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", org.hamcrest.Matchers.is("body"))
                .body("errors[0].message", org.hamcrest.Matchers.is("a request body is required"));
    }

    @Test
    void malformedJsonIsA400WithoutParserInternals() {
        given().contentType(ContentType.JSON).body("{\"name\": ")
                .post("/test/problems")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", org.hamcrest.Matchers.is("(body)"))
                .body(not(containsString("com.fasterxml")));
    }

    @Test
    void wrongTypesAndUnknownEnumValuesNameTheField() {
        given().contentType(ContentType.JSON).body("{\"name\":\"a\",\"colour\":\"PURPLE\"}")
                .post("/test/problems")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", org.hamcrest.Matchers.is("colour"))
                .body("errors[0].message", containsString("RED"));
        given().contentType(ContentType.JSON).body("{\"name\":\"a\",\"count\":\"many\"}")
                .post("/test/problems")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", org.hamcrest.Matchers.is("count"));
    }

    @Test
    void aWrongContentTypeIsA415() {
        given().contentType("text/plain").body("name=a")
                .post("/test/problems")
                .then().statusCode(415).contentType(PROBLEM).body("status", org.hamcrest.Matchers.is(415));
    }

    @Test
    void anUnknownPathIsA404Problem() {
        given().get("/test/nothing-here").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void serviceProblemsKeepTheirStatus() {
        given().get("/test/problems/missing").then().statusCode(404).contentType(PROBLEM)
                .body("detail", org.hamcrest.Matchers.is("member 42 was not found"));
        given().get("/test/problems/conflict").then().statusCode(409).contentType(PROBLEM);
        given().get("/test/problems/stale").then().statusCode(412).contentType(PROBLEM)
                .body("detail", containsString("7"));
        given().get("/test/problems/too-large").then().statusCode(413).contentType(PROBLEM);
    }

    @Test
    void anUnexpectedErrorIsA500WithAReferenceAndNoInternals() {
        given().get("/test/problems/boom").then().statusCode(500).contentType(PROBLEM)
                .body("detail", containsString("reference"))
                .body(not(containsString("secret internal detail")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void aQueryParameterThatIsNotAUuidIsA400NamingTheParameter() {
        given().queryParam("association", "fr").get("/test/problems/scoped")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", org.hamcrest.Matchers.is("association"))
                .body("errors[0].message", org.hamcrest.Matchers.is("must be a UUID"));
        given().queryParam("association", " 0a5f0000-0000-4000-8000-000000000001 ").get("/test/problems/scoped")
                .then().statusCode(200).body(org.hamcrest.Matchers.is("0a5f0000-0000-4000-8000-000000000001"));
        given().queryParam("association", "").get("/test/problems/scoped").then().statusCode(200)
                .body(org.hamcrest.Matchers.is("null"));
    }

    @Test
    void aForeignCursorIsA400() {
        given().get("/test/problems/page?cursor=not-ours").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", org.hamcrest.Matchers.is("cursor"));
        given().get("/test/problems/page?limit=0").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", org.hamcrest.Matchers.is("limit"));
    }
}
