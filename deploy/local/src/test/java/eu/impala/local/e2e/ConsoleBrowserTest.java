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
import eu.impala.local.MailServer;

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

    @Test
    void theSecretariatAndAnAssociationSeeACampaignsParticipationAsTheApiGivesTheirTokens() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String french = syncMember(Tenant.Side.FR, "PART-FR-" + tag, "COMPANY", null);
        syncMember(Tenant.Side.FR, "PART-FR2-" + tag, "COMPANY", null);
        String german = syncMember(Tenant.Side.DE, "PART-DE-" + tag, "ARTIST", null);
        String secretariat = tokens().demoUser("secretariat");
        String title = "Participation " + tag;
        String campaign = Api.expect(201, "POST", SharedPlatform.gateway() + "/api/v1/campaigns", secretariat,
                "{\"slug\":\"participation-" + tag + "\",\"title\":\"" + title + "\",\"summary\":\"S\",\"body\":\"B\","
                        + "\"topic\":\"OTHER\",\"kind\":\"DECLARATION\",\"goal\":100}").path("id").asText();
        Api.expect(200, "POST", SharedPlatform.gateway() + "/api/v1/campaigns/" + campaign + "/status", secretariat,
                "{\"status\":\"PUBLISHED\"}");
        // each association signs for one of its members, once campaigns knows them
        sign(campaign, "fr-admin", french);
        sign(campaign, "de-admin", german);

        browser.signIn("secretariat");
        browser.open("campaigns");
        showParticipation(campaign);
        browser.keep("campaign-participation");
        JsonNode all = participation(campaign, secretariat);
        assertEquals(2, all.path("total").path("signed").asInt(), "the two signatures, one per country: " + all);
        assertEquals(1, all.path("byCountry").path("FR").path("signed").asInt(), all.toString());
        assertEquals(1, all.path("byCountry").path("DE").path("signed").asInt(), all.toString());
        assertParticipationShown(all);

        // the French association's admin, in a browser of its own (the helpers read the one in the field)
        ConsoleBrowser first = browser;
        try (ConsoleBrowser fr = new ConsoleBrowser(SharedPlatform.gateway(), "participation-fr-admin")) {
            browser = fr.signIn("fr-admin");
            browser.open("campaigns");
            showParticipation(campaign);
            browser.keep("campaign-participation");
            JsonNode own = participation(campaign, tokens().demoUser("fr-admin"));
            assertEquals(Tenant.Side.FR.association, own.path("association").asText(), own.toString());
            assertEquals(1, own.path("total").path("signed").asInt(), "the German signature is not the French's: " + own);
            assertTrue(own.path("total").path("members").asInt() < all.path("total").path("members").asInt(),
                    "the association's members only: " + own + " of " + all);
            assertParticipationShown(own);
            assertTrue(browser.find(By.cssSelector(".participation")).getText()
                    .contains("The ACTIVE members your association represents."));
        } finally {
            browser = first;
        }
    }

    @Test
    void theSecretariatRetriesADeadLetterAndSeesItsRowTurnSent() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "dead-letter-" + tag + "@fr.example";
        MailServer smtp = SharedPlatform.platform().mail();
        String secretariat = tokens().demoUser("secretariat");
        String member;
        String delivery;
        // an SMTP outage: the new member's welcome fails three times (the shared platform's max-attempts) and is dead
        smtp.stop();
        try {
            member = syncMember(Tenant.Side.FR, "DEAD-" + tag, "COMPANY", email);
            delivery = awaitDelivery(secretariat, "/api/v1/notifications/deliveries?status=DEAD&channel=EMAIL&memberId="
                    + member);
        } finally {
            smtp.start();
        }
        JsonNode dead = Api.expect(200, "GET", SharedPlatform.gateway() + "/api/v1/notifications/deliveries/" + delivery,
                secretariat, null);
        assertEquals(3, dead.path("attemptLog").size(), dead.toString());

        browser.signIn("secretariat");
        browser.open("deliveries");
        new org.openqa.selenium.support.ui.Select(browser.find(By.id("delivery-channel"))).selectByValue("EMAIL");
        browser.find(By.cssSelector("form.filters button[type='submit']")).click();
        By row = By.cssSelector("tr[data-delivery='" + delivery + "']");
        WebElement before = browser.await(row);
        assertEquals("DEAD", before.getAttribute("data-status"));
        // created, kind, channel, recipient, status, attempts, last error, retry
        List<String> dying = cells(before);
        assertEquals(List.of("Email", "Dead letter", "3"), List.of(dying.get(2), dying.get(4), dying.get(5)), dying.toString());
        browser.keep("dead-letter");

        browser.find(By.cssSelector("button[aria-label='Retry delivery " + delivery + "']")).click();
        browser.awaitText(By.id("delivery-notice"), "was tried again: Sent");
        WebElement after = browser.find(row);
        browser.keep("dead-letter-retried");
        assertEquals("SENT", after.getAttribute("data-status"));
        List<String> sentRow = cells(after);
        assertEquals(List.of("Sent", "4"), List.of(sentRow.get(4), sentRow.get(5)), sentRow.toString());
        assertTrue(after.findElements(By.tagName("button")).isEmpty(), "a sent email offers no retry");
        JsonNode sent = Api.expect(200, "GET", SharedPlatform.gateway() + "/api/v1/notifications/deliveries/" + delivery,
                secretariat, null);
        assertEquals("SENT", sent.path("status").asText(), sent.toString());
        assertEquals(4, sent.path("attemptLog").size(), sent.toString());
        assertEquals("SENT", sent.path("attemptLog").get(3).path("outcome").asText(), sent.toString());
        smtp.await(m -> m.to().contains(email), 1, java.time.Duration.ofSeconds(30));
    }

    /**
     * Opens a campaign of the list from the keyboard (its button focused, then Enter); done when its counters and
     * participation are drawn, and the focus is on the heading of what opened.
     */
    private void showParticipation(String campaign) {
        WebElement button = browser.await(By.cssSelector("button[data-campaign='" + campaign + "']"));
        browser.script("arguments[0].focus()", button);
        button.sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.await(By.cssSelector("section.counters:not([aria-busy]) table[data-dimension='participation-country']"));
        assertTrue(browser.findAll(By.cssSelector("section.counters .problem")).isEmpty(),
                browser.find(By.cssSelector("section.counters")).getText());
        assertEquals("h2", browser.script("return document.activeElement.tagName").toString().toLowerCase(),
                "the keyboard's focus lands on what the button opened");
        assertTrue(browser.script("return document.activeElement.textContent").toString().startsWith("Counters of "));
        // every table of the view says what it holds: a caption, and column headers scoped to their columns
        for (WebElement shares : browser.findAll(By.cssSelector(".participation table"))) {
            assertFalse(shares.findElement(By.tagName("caption")).getAttribute("textContent").isBlank());
            assertTrue(shares.findElements(By.cssSelector("thead th")).stream()
                    .allMatch(th -> "col".equals(th.getAttribute("scope"))));
        }
        browser.script("document.querySelector('.participation').scrollIntoView()");
    }

    /** What the page shows of participation: the total line, and every cell of both tables, against the API's answer. */
    private void assertParticipationShown(JsonNode figures) {
        JsonNode total = figures.path("total");
        assertEquals(total.path("signed").asText() + " of " + total.path("eligible").asText() + " eligible members signed ("
                + share(total.path("share")) + "); " + total.path("members").asText() + " members in all.",
                browser.find(By.id("participation-total")).getText());
        assertEquals(shares(figures.path("byCountry")), shownShares("participation-country"));
        assertEquals(shares(figures.path("bySizeClass")), shownShares("participation-size-class"));
    }

    private Map<String, List<String>> shownShares(String dimension) {
        WebElement table = table(dimension);
        String[] keys = table.getAttribute("data-keys").split(",");
        List<List<String>> rows = new ArrayList<>(browser.rows(table).values());
        Map<String, List<String>> shown = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            shown.put(keys[i], rows.get(i));
        }
        return shown;
    }

    private static Map<String, List<String>> shares(JsonNode cells) {
        Map<String, List<String>> shares = new LinkedHashMap<>();
        cells.fields().forEachRemaining(e -> shares.put(e.getKey(), List.of(e.getValue().path("members").asText(),
                e.getValue().path("eligible").asText(), e.getValue().path("signed").asText(),
                share(e.getValue().path("share")))));
        return shares;
    }

    /** A share as the console writes it: a percentage with at most two decimals, or that none is eligible. */
    private static String share(JsonNode share) {
        return share.isNull() ? "none eligible"
                : java.math.BigDecimal.valueOf(share.asDouble()).movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }

    private static JsonNode participation(String campaign, String token) {
        return Api.expect(200, "GET", SharedPlatform.gateway() + "/api/v1/campaigns/" + campaign + "/participation",
                token, null);
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList();
    }

    /** A member synced by its association's system (with a primary contact when email is given); answers its id. */
    private static String syncMember(Tenant.Side side, String externalId, String kind, String email) {
        String contact = email == null ? "" : ",\"contacts\":[{\"name\":\"Primary " + externalId + "\",\"email\":\""
                + email + "\",\"role\":\"PRIMARY\",\"language\":\"en\"}]";
        return Api.expect(200, "POST", SharedPlatform.gateway() + "/api/v1/associations/" + side.association + "/sync",
                tokens().clientCredentials(side.syncClient, side.syncClient + "-dev-secret"), "{\"records\":[{\"externalId\":\""
                        + externalId + "\",\"kind\":\"" + kind + "\",\"legalName\":\"" + externalId + " Ltd\",\"displayName\":\""
                        + externalId + "\",\"country\":\"" + side.country + "\"" + contact + "}]}")
                .path("results").get(0).path("memberId").asText();
    }

    /** An association's admin signs for a member it represents, as soon as campaigns knows the member. */
    private static void sign(String campaign, String admin, String member) {
        String token = tokens().demoUser(admin);
        awaitTrue("campaigns knows " + member, () -> Api.send("POST", SharedPlatform.gateway() + "/api/v1/campaigns/"
                + campaign + "/signatures", token, "{\"memberId\":\"" + member + "\"}", Map.of()).statusCode() == 201);
    }

    private static String awaitDelivery(String token, String path) {
        String[] found = new String[1];
        awaitTrue("a delivery at " + path, () -> {
            JsonNode items = Api.expect(200, "GET", SharedPlatform.gateway() + path, token, null).path("items");
            found[0] = items.size() == 0 ? null : items.get(0).path("id").asText();
            return found[0] != null;
        });
        return found[0];
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
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
