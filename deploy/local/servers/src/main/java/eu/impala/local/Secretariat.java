package eu.impala.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * What the secretariat does through the API to set data up, each step only when it is missing: register a member
 * under the id an identity provider's tokens carry, admit it, give it a contact. The demo data, the end-to-end
 * tests and the benchmarks register their national associations this way.
 */
public final class Secretariat {

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param baseUrl the gateway, or membership-service itself (both answer under /api/v1)
     * @param token   a token of the secretariat (platform-admin)
     */
    public Secretariat(String baseUrl, String token) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
    }

    /** Makes {@code id} an ACTIVE national association if it is not one yet; returns the id. */
    public String association(String id) {
        register(id, "{\"kind\":\"NATIONAL_ASSOCIATION\",\"legalName\":\"Association " + id + "\",\"displayName\":"
                + "\"Association " + id.substring(0, 8) + "\",\"country\":\"FR\",\"category\":\"DIRECT\"}");
        admit(id);
        return id;
    }

    /** Registers a member (JSON {@code profile}) under {@code id}; false when the id is taken already. */
    public boolean register(String id, String profile) {
        return expect(send("PUT", "/api/v1/members/" + id, profile, Map.of("If-None-Match", "*")), 201, 412) == 201;
    }

    /** Admits the member while it is an APPLICANT; false when it was admitted already. */
    public boolean admit(String id) {
        String path = "/api/v1/members/" + id;
        if (!expectBody(send("GET", path, null, Map.of())).contains("\"status\":\"APPLICANT\"")) {
            return false;
        }
        expect(send("POST", path + "/status", "{\"status\":\"ACTIVE\",\"reason\":\"registered by the secretariat\"}",
                Map.of()), 200);
        return true;
    }

    /** Adds the contact (JSON) while the member has none; false when it has one already. */
    public boolean giveContact(String id, String contact) {
        String path = "/api/v1/members/" + id + "/contacts";
        if (expectBody(send("GET", path, null, Map.of())).contains("\"id\"")) {
            return false;
        }
        expect(send("POST", path, contact, Map.of()), 201);
        return true;
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String expectBody(HttpResponse<String> response) {
        expect(response, 200);
        return response.body();
    }

    private static int expect(HttpResponse<String> response, int... accepted) {
        for (int status : accepted) {
            if (response.statusCode() == status) {
                return status;
            }
        }
        throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                + response.statusCode() + ": " + response.body());
    }
}
