package eu.impala.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Real access tokens from the realm, the way the frontend (password grant of the demo users) and an
 * association's system (client credentials) get them.
 */
public final class KeycloakTokens {

    public static final String FRONTEND_CLIENT = "impala-frontend";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final String realmUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param keycloakUrl e.g. {@code http://127.0.0.1:8180} (the test resource injects it as impala.test.keycloak.url) */
    public KeycloakTokens(String keycloakUrl) {
        this.realmUrl = keycloakUrl.replaceAll("/+$", "") + "/realms/" + KeycloakServer.REALM;
    }

    /** Tokens live 300 s in the realm; reused for 200 s so that a long test suite never sends an expired one. */
    private static final long REUSE_NANOS = 200_000_000_000L;
    private static final java.util.Map<String, Object[]> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** A demo user's token, fetched once and reused while it is fresh: what test suites want. */
    public static String cachedDemoUser(String keycloakUrl, String username) {
        String key = keycloakUrl + "|" + username;
        Object[] cached = CACHE.get(key);
        if (cached != null && System.nanoTime() - (long) cached[1] < REUSE_NANOS) {
            return (String) cached[0];
        }
        String token = new KeycloakTokens(keycloakUrl).demoUser(username);
        CACHE.put(key, new Object[] {token, System.nanoTime()});
        return token;
    }

    /** A demo user's token; their password is their username followed by {@code -demo}. */
    public String demoUser(String username) {
        return password(username, username + "-demo");
    }

    public String password(String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", FRONTEND_CLIENT);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        return request(form);
    }

    public String clientCredentials(String clientId, String secret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return request(form);
    }

    /** The decoded JSON payload of a JWT, for assertions on its claims. */
    public static String payload(String jwt) {
        String[] parts = jwt.split("\\.");
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }

    private String request(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher m = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("Keycloak refused a token (" + response.statusCode() + "): " + response.body());
            }
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + realmUrl + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
