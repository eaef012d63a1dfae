package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OWASP API1 (broken object-level authorisation) through the gateway, with real Keycloak tokens of every role:
 * each cell of {@link AccessMatrix} is one request, and asserts its status, a problem+json body for every
 * refusal, and for lists and figures that nothing of the other tenant shows through.
 */
@ExtendWith(SharedPlatform.class)
class TenantIsolationTest {

    static AccessFixtures fixtures;

    @BeforeAll
    static void createFixtures() {
        String keycloak = SharedPlatform.platform().servers().keycloak().url();
        fixtures = new AccessFixtures(SharedPlatform.gateway(), keycloak).create(new KeycloakAdmin(keycloak));
    }

    @TestFactory
    Stream<DynamicNode> everyCallerGetsWhatTheAccessTableSaysForEveryEndpointAndResource() {
        int cells = AccessMatrix.ENDPOINTS.stream().mapToInt(e -> e.cells().size()).sum();
        System.out.printf("[impala-e2e] access matrix: %d endpoints x %d callers, %d cells%n",
                AccessMatrix.ENDPOINTS.size(), Who.values().length, cells);
        return AccessMatrix.ENDPOINTS.stream().map(endpoint -> DynamicContainer.dynamicContainer(endpoint.toString(),
                endpoint.cells().stream().map(cell -> DynamicTest.dynamicTest(cell.name(), () -> check(cell)))));
    }

    private static void check(AccessRow.Cell cell) {
        AccessRow endpoint = cell.endpoint();
        String path = fixtures.resolve(endpoint.path, cell.who(), cell.which());
        String body = fixtures.resolve(endpoint.body, cell.who(), cell.which());
        Map<String, String> headers = new HashMap<>();
        if (endpoint.contentType != null) {
            headers.put("Content-Type", endpoint.contentType);
        }
        if (endpoint.ifNoneMatch != null) {
            headers.put("If-None-Match", endpoint.ifNoneMatch);
        }
        if (endpoint.ifMatch != null) {
            headers.put("If-Match", AccessRow.CURRENT.equals(endpoint.ifMatch) ? currentTag(path)
                    : AccessRow.PARENT.equals(endpoint.ifMatch) ? currentTag(path.substring(0, path.lastIndexOf('/')))
                    : endpoint.ifMatch);
        }
        HttpResponse<String> response = Api.send(endpoint.method, SharedPlatform.gateway() + path,
                fixtures.token(cell.who()), body, headers);
        String said = endpoint.method + " " + path + " as " + cell.who().login() + " answered " + response.statusCode()
                + ": " + response.body();
        assertEquals(cell.status(), response.statusCode(), said);
        if (response.statusCode() >= 400) {
            assertTrue(Api.isProblem(response), "a refusal is a problem: " + response.headers().map() + " " + said);
        } else if (endpoint.noLeak) {
            for (String foreign : foreignMarkers(cell.who())) {
                assertFalse(response.body().contains(foreign), foreign + " is not " + cell.who().login() + "'s: " + said);
            }
        }
    }

    /** The ETag the secretariat reads now at {@code path}, for an If-Match that is current; "1" when there is none. */
    private static String currentTag(String path) {
        HttpResponse<String> current = Api.send("GET", SharedPlatform.gateway() + path, fixtures.token(Who.SECRETARIAT),
                null, Map.of());
        return current.headers().firstValue("ETag").orElse("\"1\"");
    }

    /**
     * What {@code who} must never read: the other tenant's ids, a draft campaign and the secretariat's announcement
     * (but the secretariat reads all).
     */
    private static List<String> foreignMarkers(Who who) {
        List<String> markers = new ArrayList<>();
        if (who == Who.SECRETARIAT) {
            return markers;
        }
        markers.addAll(fixtures.draftMarkers());
        if (who != Who.ANONYMOUS) {
            Tenant other = fixtures.tenant(who.home().other());
            markers.addAll(other.ids());
            markers.add(other.side().association);
        }
        return markers;
    }
}
