package eu.impala.gateway.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import eu.impala.gateway.GatewayTestServers;

/** The console's files are served by the gateway without a token, and its page may reach only the gateway and the realm. */
@QuarkusTest
class ConsoleTest {

    /** What an ES module or the page loads: import ... from '...', src="...", href="...". */
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:from\\s+|import\\s+|src=|href=)['\"]([^'\"#]+\\.(?:js|css))['\"]");
    /** Ways to turn text into markup: the console never uses them, so API data can only ever be text. */
    private static final Pattern MARKUP_SINKS = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|eval\\(");

    @Test
    void theConsoleIsServedWithoutATokenUnderAPolicyThatAdmitsOnlyTheGatewayAndTheRealm() {
        String realmOrigin = origin(GatewayTestServers.keycloakUrl());
        given().get("/console/").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("connect-src 'self' " + realmOrigin + ";"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Frame-Options", "DENY");
    }

    @Test
    void theConsoleWithoutItsSlashRedirectsToIt() {
        given().redirects().follow(false).get("/console").then().statusCode(302).header("Location", endsWith("/console/"));
    }

    @Test
    void itsSettingsNameTheRealmAndThePublicClient() {
        given().get("/console/config.json").then().statusCode(200).contentType(startsWith("application/json"))
                .header("Cache-Control", "no-store")
                .body("keycloakUrl", is(GatewayTestServers.keycloakUrl() + "/realms/impala"))
                .body("clientId", is("impala-frontend"));
    }

    @Test
    void everyModuleAndStyleSheetThePageLoadsIsServedFromTheGateway() {
        Map<String, String> files = crawl("/console/index.html");
        assertTrue(files.containsKey("/console/pages/sync.js") && files.keySet().stream().anyMatch(p -> p.contains("echarts")),
                files.keySet().toString());
    }

    @Test
    void noScriptOfTheConsoleTurnsTextIntoMarkup() {
        Map<String, String> files = crawl("/console/index.html");
        files.forEach((path, text) -> assertFalse(path.startsWith("/console/") && path.endsWith(".js")
                && MARKUP_SINKS.matcher(text).find(), path + " builds markup from text"));
        assertTrue(files.size() >= 10, files.keySet().toString());
    }

    /** Every file reachable from start through its references, each checked to be served from this origin. */
    private static Map<String, String> crawl(String start) {
        Map<String, String> files = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String path = todo.pop();
            if (files.containsKey(path)) {
                continue;
            }
            Response file = given().get(path);
            assertEquals(200, file.statusCode(), path + " is referenced but not served (found so far: " + files.keySet() + ")");
            // the chart library's bundle is read, not followed: it references nothing the page loads
            String text = path.startsWith("/webjars/") ? "" : file.asString();
            files.put(path, text);
            Matcher reference = REFERENCE.matcher(text);
            while (reference.find()) {
                assertFalse(reference.group(1).contains("//"), path + " loads " + reference.group(1) + " from elsewhere");
                todo.push(URI.create(path).resolve(reference.group(1)).getPath());
            }
        }
        return files;
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }
}
