package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;

import eu.impala.local.KeycloakTokens;

/**
 * The console in a real browser against the whole platform: users sign in on Keycloak's login page, and what the
 * console shows is what the API answers their tokens.
 */
@ExtendWith(SharedPlatform.class)
class ConsoleBrowserTest {

    private static final String CSV_HEADER = "externalId,kind,legalName,displayName,country,website,vatNumber,headcount,"
            + "turnoverEur,sizeClass,category,joinedOn,renewalDueOn,contactName,contactEmail,contactPhone,contactRole,"
            + "contactLanguage,contactConsents";

    private ConsoleBrowser browser;

    @BeforeAll
    static void theConsoleIsRegisteredAtThisRunsAddress() {
        // the realm file admits the console on the local run's port 8080; this run's gateway has a free port
        new KeycloakAdmin(SharedPlatform.platform().servers().keycloak().url())
                .allowConsoleAt("impala-frontend", SharedPlatform.gateway());
    }

    @BeforeEach
    void openABrowser(TestInfo test) {
        browser = new ConsoleBrowser(SharedPlatform.gateway(), test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void closeIt() {
        browser.close();
    }

    @Test
    void theSecretariatSeesTheSameNumbersOnTheDashboardAsTheStatisticsApiGives() {
        browser.signIn("secretariat");
        String total = browser.await(By.id("total-members")).getText();
        browser.await(By.cssSelector("table[data-dimension='monthly']"));
        browser.keep("dashboard");
        String token = tokens().demoUser("secretariat");
        JsonNode counts = Api.expect(200, "GET", SharedPlatform.gateway() + "/api/v1/statistics/members", token, null);

        assertEquals(counts.get("total").asText(), total);
        assertEquals(figures(counts.get("byCountry")), shown("country"));
        assertEquals(figures(counts.get("byKind")), shown("kind"));
        assertEquals(figures(counts.get("bySizeClass")), shown("size-class"));
        List<String> months = new ArrayList<>(browser.rows(table("monthly")).keySet());
        JsonNode movements = Api.expect(200, "GET", SharedPlatform.gateway() + "/api/v1/statistics/members/monthly?from="
                + months.get(0) + "&to=" + months.get(months.size() - 1), token, null);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (JsonNode month : movements.get("months")) {
            expected.put(month.get("month").asText(), List.of(month.get("joins").asText(), month.get("lapses").asText(),
                    month.get("terminations").asText(), month.get("reactivations").asText()));
        }
        assertEquals(expected, browser.rows(table("monthly")));
        assertEquals(12, months.size());
    }

    @Test
    void everyPageOfTheMenuOpensForTheSecretariat() {
        browser.signIn("secretariat");
        for (String page : List.of("members", "sync", "campaigns", "deliveries", "dashboard")) {
            browser.open(page);
            assertTrue(browser.findAll(By.cssSelector("main .problem")).isEmpty(), page + " shows a problem: "
                    + browser.find(By.tagName("main")).getText());
            browser.keep(page);
        }
    }

    @Test
    void anAssociationUploadsACsvSeesTheDryRunsProblemAppliesItAndFindsTheNewMember() throws IOException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "Console Label " + tag;
        Path csv = Files.createTempFile("console-upload", ".csv");
        Files.writeString(csv, CSV_HEADER + "\r\n"
                + "CONSOLE-" + tag + ",COMPANY," + name + " SARL," + name + ",FR,,,,,,,,,,,,,,\r\n"
                + "CONSOLE-BAD-" + tag + ",COMPANY,Nowhere " + tag + " SARL,Nowhere " + tag + ",XX,,,,,,,,,,,,,,\r\n");
        browser.signIn("fr-admin");
        browser.open("sync");
        browser.await(By.id("sync-file")).sendKeys(csv.toAbsolutePath().toString());
        browser.find(By.id("sync-dry-run")).click();

        Map<String, List<String>> dryRun = browser.rows(browser.await(By.cssSelector("#sync-outcome table.records")));
        browser.keep("sync-dry-run");
        assertEquals(List.of("CONSOLE-" + tag, "created"), dryRun.get("2").subList(0, 2), dryRun.toString());
        assertEquals(List.of("CONSOLE-BAD-" + tag, "rejected"), dryRun.get("3").subList(0, 2), dryRun.toString());
        assertTrue(dryRun.get("3").get(2).contains("country"), "the bad row's problem names its field: " + dryRun);
        assertEquals(0, Api.expect(200, "GET", SharedPlatform.gateway() + "/api/v1/members?q="
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8),
                tokens().demoUser("fr-admin"), null).get("items").size(), "a dry run creates nobody");

        browser.find(By.id("sync-apply")).click();
        browser.awaitText(By.id("sync-outcome"), "Applied as run");
        browser.await(By.cssSelector("table.runs"));
        browser.keep("sync-applied");
        browser.open("members");
        browser.find(By.id("member-q")).sendKeys(name);
        browser.find(By.cssSelector("form.filters button[type='submit']")).click();
        browser.await(By.linkText(name)).click();
        browser.awaitText(By.cssSelector("h2.member-name"), name);
        browser.await(By.cssSelector("table.history"));
        browser.keep("member");
        assertTrue(browser.find(By.cssSelector("dl.profile")).getText().contains("FR"));
        assertTrue(browser.rows(browser.find(By.cssSelector("table.history"))).values().stream()
                .anyMatch(cells -> cells.contains("created")), "its history starts with its creation");
    }

    @Test
    void signingOutEndsTheKeycloakSessionSoTheNextVisitAsksForThePasswordAgain() {
        browser.signIn("secretariat");
        browser.find(By.id("sign-out")).click();
        // Keycloak ended the session and sent the browser back to the console, which finds no session to resume
        browser.await(By.id("username"));
        browser.keep("signed-out");
        browser.go("");
        browser.await(By.id("username"));
        assertTrue(browser.address().contains("/realms/impala/protocol/openid-connect/auth"), "the console sends the "
                + "browser to sign in again at Keycloak, not to the dashboard: " + browser.address());
        assertTrue(browser.findAll(By.id("signed-in-as")).isEmpty());
    }

    @Test
    void aGermanAssociationsAdminSeesNoFrenchData() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "Console French " + tag;
        String french = Api.expect(200, "POST", SharedPlatform.gateway() + "/api/v1/associations/"
                        + Tenant.Side.FR.association + "/sync", tokens().clientCredentials("sync-fr", "sync-fr-dev-secret"),
                "{\"records\":[{\"externalId\":\"CONSOLE-FR-" + tag + "\",\"kind\":\"COMPANY\",\"legalName\":\"" + name
                        + "\",\"displayName\":\"" + name + "\",\"country\":\"FR\"}]}")
                .path("results").get(0).path("memberId").asText();
        browser.signIn("de-admin");
        browser.await(By.id("total-members"));
        browser.keep("dashboard");
        JsonNode counts = Api.expect(200, "GET", SharedPlatform.gateway() + "/api/v1/statistics/members",
                tokens().demoUser("de-admin"), null);
        assertEquals(figures(counts.get("byCountry")), shown("country"), "the dashboard counts the German members only");

        browser.open("members");
        browser.find(By.id("member-q")).sendKeys(name);
        browser.find(By.cssSelector("form.filters button[type='submit']")).click();
        browser.awaitText(By.id("member-results"), "No members match.");
        browser.keep("members-search");
        browser.go("#/members/" + french);
        browser.await(By.cssSelector("main .problem"));
        browser.keep("french-member");
        assertTrue(browser.findAll(By.cssSelector("h2.member-name")).isEmpty());

        browser.open("sync");
        browser.await(By.cssSelector("table.runs, main section p"));
        WebElement association = browser.find(By.id("sync-association"));
        assertEquals(List.of(Tenant.Side.DE.association), association.findElements(By.tagName("option")).stream()
                .map(o -> o.getAttribute("value")).toList());
        assertFalse(browser.find(By.tagName("main")).getText().contains(Tenant.Side.FR.association));
    }

    private WebElement table(String dimension) {
        return browser.find(By.cssSelector("table[data-dimension='" + dimension + "']"));
    }

    /** A breakdown's table as key → count; the keys are the API's own (data-keys), whatever label a row shows. */
    private Map<String, String> shown(String dimension) {
        WebElement table = table(dimension);
        String[] keys = table.getAttribute("data-keys").split(",");
        List<List<String>> rows = new ArrayList<>(browser.rows(table).values());
        Map<String, String> shown = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            shown.put(keys[i], rows.get(i).get(0));
        }
        return shown;
    }

    private static Map<String, String> figures(JsonNode counts) {
        Map<String, String> figures = new LinkedHashMap<>();
        counts.fields().forEachRemaining(e -> figures.put(e.getKey(), e.getValue().asText()));
        return figures;
    }

    private static KeycloakTokens tokens() {
        return new KeycloakTokens(SharedPlatform.platform().servers().keycloak().url());
    }
}
