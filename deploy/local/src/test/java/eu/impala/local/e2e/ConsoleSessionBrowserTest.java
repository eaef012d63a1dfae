package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import eu.impala.local.KeycloakTokens;

/**
 * The console's session in a real browser: it outlives the access token it started with (the console renews it with
 * the refresh token, without leaving the page), and when the Keycloak session ends the console sends its user to sign
 * in rather than showing a broken page. Access tokens of the console's client live {@value #LIFESPAN_SECONDS} s during
 * each test instead of 300 (the realm's), set through Keycloak's admin API and put back afterwards: the platform is
 * shared with other test classes.
 */
@ExtendWith(SharedPlatform.class)
class ConsoleSessionBrowserTest {

    private static final String CLIENT = KeycloakTokens.FRONTEND_CLIENT;
    private static final String LIFESPAN = "access.token.lifespan";
    private static final int LIFESPAN_SECONDS = 12;
    /** Set on the page's window after sign-in: still there later means the page was never reloaded. */
    private static final String MARK = "window.impalaTestMark";
    /** How many times the page itself called Keycloak's token endpoint (code exchange, then refreshes). */
    private static final String TOKEN_CALLS = "return performance.getEntriesByType('resource')"
            + ".filter(e => e.name.endsWith('/protocol/openid-connect/token')).length";

    private static KeycloakAdmin admin;
    private ConsoleBrowser browser;
    private String lifespanBefore;

    @BeforeAll
    static void theConsoleIsRegisteredAtThisRunsAddress() {
        admin = new KeycloakAdmin(SharedPlatform.platform().servers().keycloak().url());
        admin.allowConsoleAt(CLIENT, SharedPlatform.gateway());
    }

    @BeforeEach
    void shortTokensAndABrowser(TestInfo test) {
        lifespanBefore = admin.clientAttribute(CLIENT, LIFESPAN);
        admin.setClientAttribute(CLIENT, LIFESPAN, Integer.toString(LIFESPAN_SECONDS));
        browser = new ConsoleBrowser(SharedPlatform.gateway(), "session-" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void restore() {
        try {
            browser.close();
        } finally {
            // unset (the realm's 300 s) when the client had no lifespan of its own
            admin.setClientAttribute(CLIENT, LIFESPAN, lifespanBefore == null ? "" : lifespanBefore);
            String token = tokens().demoUser("secretariat");
            var claims = Api.read(KeycloakTokens.payload(token));
            assertEquals(lifespanBefore == null ? 300 : Long.parseLong(lifespanBefore),
                    claims.path("exp").asLong() - claims.path("iat").asLong(), "the client's lifespan is back");
        }
    }

    @Test
    void aSessionOutlivesItsFirstAccessTokenWithoutLeavingThePage() {
        browser.signIn("secretariat");
        browser.settled();
        browser.script(MARK + " = true");
        // the test's own token of the same client, got after the page's: once the gateway refuses it, the page's
        // first token has expired too
        String probe = tokens().demoUser("secretariat");
        var claims = Api.read(KeycloakTokens.payload(probe));
        assertEquals(LIFESPAN_SECONDS, claims.path("exp").asLong() - claims.path("iat").asLong(), "short-lived tokens");
        awaitRefused(probe);

        browser.open("members");
        browser.await(By.cssSelector("table.members"));
        browser.keep("members-after-expiry");
        assertTrue(browser.findAll(By.cssSelector("main .problem")).isEmpty(), browser.find(By.tagName("main")).getText());
        assertEquals(Boolean.TRUE, browser.script("return " + MARK + " === true"), "the page was not reloaded");
        long calls = ((Number) browser.script(TOKEN_CALLS)).longValue();
        assertTrue(calls >= 2, "the code's exchange, then at least one refresh, from the same page: " + calls);
        assertTrue(browser.address().contains("/console/#/members"), browser.address());

        // and on: a page calling the API twice at once after the next expiry shares one refresh
        awaitRefused(tokens().demoUser("secretariat"));
        browser.open("dashboard");
        browser.await(By.id("total-members"));
        assertTrue(browser.findAll(By.cssSelector("main .problem")).isEmpty(), browser.find(By.tagName("main")).getText());
        assertEquals(Boolean.TRUE, browser.script("return " + MARK + " === true"), "the page was not reloaded");
        assertTrue(((Number) browser.script(TOKEN_CALLS)).longValue() > calls, "renewed again");
    }

    @Test
    void whenTheKeycloakSessionEndsTheConsoleSendsItsUserToSignInAndBackToThePage() {
        browser.signIn("fr-admin");
        browser.settled();
        String probe = tokens().demoUser("fr-admin");
        admin.logOut("fr-admin");
        // the page's access token still works until it expires (the gateway checks signatures, not sessions); its
        // refresh token does not
        awaitRefused(probe);

        browser.follow("members");
        browser.await(By.id("username"));
        browser.keep("signed-out-by-keycloak");
        assertTrue(browser.address().contains("/realms/impala/protocol/openid-connect/auth"), "Keycloak's sign-in, "
                + "not a broken console page: " + browser.address());
        browser.logIn("fr-admin");
        browser.settled();
        browser.await(By.cssSelector("table.members"));
        assertTrue(browser.address().contains("/console/#/members"), "back on the page the user asked for: "
                + browser.address());
        assertTrue(browser.findAll(By.cssSelector("main .problem")).isEmpty(), browser.find(By.tagName("main")).getText());
    }

    /** Waits until the gateway answers a 401 to {@code token}: it has expired. */
    private void awaitRefused(String token) {
        browser.until(() -> Api.send("GET", SharedPlatform.gateway() + "/api/v1/me", token, null, Map.of())
                .statusCode() == 401);
    }

    private static KeycloakTokens tokens() {
        return new KeycloakTokens(SharedPlatform.platform().servers().keycloak().url());
    }
}
