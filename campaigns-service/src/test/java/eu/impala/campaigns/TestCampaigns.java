package eu.impala.campaigns;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;

/** Campaigns set up through the admin API, as the secretariat does. */
public final class TestCampaigns {

    private TestCampaigns() {
    }

    /** A campaign body; {@code extra} is appended inside the object, e.g. {@code ,"goal":3}. */
    public static String body(String slug, String extra) {
        return "{\"slug\":\"" + slug + "\",\"title\":\"Fair digital deals\",\"summary\":\"Fair terms on streaming.\","
                + "\"body\":\"# Declaration\\nWe, independent music companies...\",\"language\":\"en\","
                + "\"translations\":{\"fr\":{\"title\":\"Des accords numériques équitables\","
                + "\"summary\":\"Des conditions équitables.\"}},\"topic\":\"DIGITAL_MARKETS\",\"kind\":\"DECLARATION\""
                + extra + "}";
    }

    public static String slug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static UUID draft(String body) {
        return UUID.fromString(given().auth().oauth2(CampaignsTestServers.token("secretariat"))
                .contentType(ContentType.JSON).body(body).post("/api/v1/campaigns")
                .then().statusCode(201).extract().path("id"));
    }

    public static void move(UUID id, String status) {
        given().auth().oauth2(CampaignsTestServers.token("secretariat")).contentType(ContentType.JSON)
                .body("{\"status\":\"" + status + "\"}").post("/api/v1/campaigns/" + id + "/status")
                .then().statusCode(200);
    }

    /** A published campaign with the given extra fields; its id. */
    public static UUID published(String slug, String extra) {
        UUID id = draft(body(slug, extra));
        move(id, "PUBLISHED");
        return id;
    }
}
