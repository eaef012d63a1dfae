package eu.impala.membership;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Registering members through the API, the way tests set up their data. */
public final class TestMembers {

    private TestMembers() {
    }

    public static String body(String name, String country, String representedBy) {
        return "{\"kind\":\"COMPANY\",\"legalName\":\"" + name + " Ltd\",\"displayName\":\"" + name + "\",\"country\":\""
                + country + "\"" + (representedBy == null ? "" : ",\"representedBy\":\"" + representedBy + "\"") + "}";
    }

    public static Response register(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/members");
    }
}
