package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.LocalDirs;
import eu.impala.local.Platform;
import eu.impala.local.PlatformService;
import eu.impala.local.Ports;
import eu.impala.local.Secretariat;

/**
 * The walking skeleton end to end: a real token from Keycloak, through the gateway to membership, which stores
 * the member and its outbox row; the event crosses Kafka and campaigns and notifications each record it. And the
 * whole story of a campaign: an association's sync, a campaign published, its email in the contact's language
 * through the real SMTP server, a signature through the gateway, the public counter and the signer's inbox.
 */
class ThinEventPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path home;
    static Platform platform;

    @BeforeAll
    static void startPlatform() {
        home.toFile().setExecutable(true, false);
        long t0 = System.nanoTime();
        platform = new Platform(LocalDirs.repoRoot(), home, true, false);
        try {
            platform.start();
        } catch (RuntimeException e) {
            platform.close(); // what did start must not wait for the JVM's exit
            throw e;
        }
        System.out.printf("[impala-e2e] platform up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        platform.figures().forEach(line -> System.out.println("[impala-e2e] " + line));
    }

    @AfterAll
    static void stopPlatform() throws InterruptedException {
        List<Integer> ports = new ArrayList<>();
        for (PlatformService s : PlatformService.values()) {
            ports.add(URI.create(platform.url(s)).getPort());
        }
        ports.add(platform.servers().postgres().port());
        ports.add(platform.servers().kafka().port());
        ports.add(platform.servers().keycloak().port());
        Map<Long, String> processes = new TreeMap<>();
        platform.processes().forEach(h -> processes.put(h.pid(), h.info().commandLine().orElse("?")));
        assertTrue(processes.size() >= 7, "servers and services are tracked: " + processes);

        platform.close();

        // a guard's watcher may still be running its (now idle) orphan stop for a moment: bounded, not a leak
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!alive(processes).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(Map.of(), alive(processes), "no process of the platform outlives it");
        for (int port : ports) {
            assertFalse(Ports.isOpen(port), "nothing listens on " + port + " after the platform stopped");
        }
    }

    @Test
    void aMemberRegisteredThroughTheGatewayReachesCampaignsAndNotifications() throws Exception {
        String token = new KeycloakTokens(platform.servers().keycloak().url()).demoUser("secretariat");
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
                        URI.create(platform.url(PlatformService.GATEWAY) + "/api/v1/members"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"COMPANY\",\"legalName\":\"Beggars Group Ltd\","
                        + "\"displayName\":\"Beggars\",\"country\":\"GB\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith(platform.url(PlatformService.GATEWAY) + "/api/v1/members/"),
                "links point at the gateway, not at the service behind it: " + location);
        JsonNode member = JSON.readTree(created.body());
        String id = member.get("id").asText();

        assertEquals("1", awaitQuery("membership", "select count(*) from outbox_messages where aggregate_id = '" + id
                + "' and outbox_published(tx, seq)", "1"), "membership published the event its journal row holds");
        assertEquals("Beggars", awaitQuery("campaigns",
                "select display_name from member_view where member_id = '" + id + "'", "Beggars"));
        assertEquals("Beggars", awaitQuery("notifications",
                "select display_name from recipient_member where member_id = '" + id + "'", "Beggars"));
    }

    @Test
    void anAssociationsSyncedMemberSignsACampaignAndItsContactHearsOfItInItsLanguage() throws Exception {
        KeycloakTokens tokens = new KeycloakTokens(platform.servers().keycloak().url());
        String gateway = platform.url(PlatformService.GATEWAY);
        // the platform of this class has no demo data: the secretariat registers the association first
        String fr = new Secretariat(gateway, tokens.demoUser("secretariat")).association("0a5f0000-0000-4000-8000-000000000001");
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        String email = "anne-" + tag + "@because.example";

        // the French association's system syncs a member with its contact (client credentials, through the gateway)
        JsonNode sync = JSON.readTree(send("POST", gateway + "/api/v1/associations/" + fr + "/sync",
                tokens.clientCredentials("sync-fr", "sync-fr-dev-secret"), "{\"records\":[{\"externalId\":\"FR-" + tag
                        + "\",\"kind\":\"COMPANY\",\"legalName\":\"Because " + tag + " SAS\",\"displayName\":\"Because "
                        + tag + "\",\"country\":\"FR\",\"contacts\":[{\"name\":\"Anne Martin\",\"email\":\"" + email
                        + "\",\"role\":\"PRIMARY\",\"language\":\"fr\",\"consents\":{\"campaigns\":true}}]}]}", 200));
        String member = sync.path("results").get(0).path("memberId").asText();
        assertEquals("ACTIVE", awaitQuery("campaigns", "select status from member_view where member_id = '" + member + "'",
                "ACTIVE"), "campaigns learnt of the member from membership's event");
        assertEquals("1", awaitQuery("notifications", "select count(*) from recipient_contact where email = '" + email + "'",
                "1"), "notifications learnt of its contact");

        // the secretariat publishes a campaign; the contact gets it by email, in French
        String admin = tokens.demoUser("secretariat");
        JsonNode campaign = JSON.readTree(send("POST", gateway + "/api/v1/campaigns", admin, "{\"slug\":\"e2e-" + tag
                + "\",\"title\":\"Fair deals " + tag + "\",\"summary\":\"Fair terms.\",\"body\":\"We...\","
                + "\"translations\":{\"fr\":{\"title\":\"Accords justes " + tag + "\",\"summary\":\"Des conditions justes.\"}},"
                + "\"topic\":\"DIGITAL_MARKETS\",\"kind\":\"DECLARATION\",\"goal\":1}", 201));
        String id = campaign.get("id").asText();
        send("POST", gateway + "/api/v1/campaigns/" + id + "/status", admin, "{\"status\":\"PUBLISHED\"}", 200);
        platform.mail().await(m -> m.to().contains(email) && ("Nouvelle campagne : Accords justes " + tag).equals(m.subject()),
                1, Duration.ofSeconds(60));

        // the association signs for its member; the public counter shows it and the signer is thanked in-app
        String frAdmin = tokens.demoUser("fr-admin");
        send("POST", gateway + "/api/v1/campaigns/" + id + "/signatures", frAdmin, "{\"memberId\":\"" + member
                + "\",\"showName\":true}", 201);
        JsonNode counters = JSON.readTree(send("GET", gateway + "/api/v1/campaigns/public/e2e-" + tag + "/counters", null,
                null, 200));
        assertEquals(1, counters.get("total").asInt());
        assertTrue(counters.get("goalReached").asBoolean());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String inbox = "";
        while (System.nanoTime() < deadline && !inbox.contains("Your signature of Fair deals " + tag + " is recorded")) {
            inbox = send("GET", gateway + "/api/v1/notifications/inbox?limit=500", frAdmin, null, 200);
            Thread.sleep(250);
        }
        assertTrue(inbox.contains("Your signature of Fair deals " + tag + " is recorded"), inbox);
    }

    private static String send(String method, String url, String token, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), method + " " + url + ": " + response.body());
        return response.body();
    }

    @Test
    void theGatewayRefusesCallsWithoutAToken() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(platform.url(PlatformService.GATEWAY) + "/api/v1/members/" + java.util.UUID.randomUUID()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void theGatewayServesOneApiDocumentMadeOfAllServicesDocuments() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                platform.url(PlatformService.GATEWAY) + "/q/openapi")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        JsonNode doc = JSON.readTree(response.body());
        assertTrue(doc.path("paths").has("/api/v1/members"), "membership's paths are in it");
        assertTrue(doc.path("components").path("securitySchemes").size() > 0, "so is the bearer scheme");
        assertTrue(doc.path("x-impala-unavailable").isMissingNode(),
                "every service answered: " + doc.path("x-impala-unavailable"));
    }

    private static Map<Long, String> alive(Map<Long, String> processes) {
        Map<Long, String> alive = new TreeMap<>();
        processes.forEach((pid, command) -> {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                alive.put(pid, command);
            }
        });
        return alive;
    }

    private static String awaitQuery(String database, String sql, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = platform.servers().postgres().psql(database, sql).trim();
            if (expected.equals(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        return last;
    }
}
