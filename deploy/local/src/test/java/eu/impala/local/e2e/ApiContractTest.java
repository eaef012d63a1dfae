package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import eu.impala.local.LocalDirs;
import eu.impala.local.OpenApiLint;

/**
 * The API as the frontend team gets it: the gateway's merged OpenAPI document, linted, and compared with the
 * committed baseline {@code docs/api/openapi.json}: a breaking change fails the build — what openapi-diff finds (a
 * removed operation, field or enum value, a new required parameter) and what it does not on OpenAPI 3.1, compared
 * here (a property's type, format or reference, an operationId, a schema's name: a generated client's API). To accept an intended change, write the current
 * document over the baseline and commit it with the change:
 * <pre>
 * ./mvnw -pl deploy/local verify -Dtest=ApiContractTest -Dimpala.openapi.accept=true
 * </pre>
 */
@ExtendWith(SharedPlatform.class)
class ApiContractTest {

    static final Path BASELINE = LocalDirs.repoRoot().resolve("docs/api/openapi.json");
    /**
     * The operations anyone may call without a token: the public campaign pages, the anonymised member counts and the
     * unsubscribe link of emails (its signed token is the authority).
     */
    static final Set<String> PUBLIC = Set.of("getPublicMemberCounts", "listPublicCampaigns", "getPublicCampaign",
            "getPublicCampaignCounters", "listPublicCampaignSignatories", "showUnsubscribePage", "unsubscribe");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void theMergedDocumentIsLintCleanAndNamesEveryOperation() throws IOException {
        JsonNode document = merged();
        assertFalse(document.has("x-impala-unavailable"), "every service is up: " + document.path("x-impala-unavailable"));
        List<String> problems = OpenApiLint.problems(document, PUBLIC, true);
        assertEquals(List.of(), problems, problems.size() + " lint problems in the gateway's OpenAPI document");
        for (Map.Entry<String, String> named : Map.of(
                "/api/v1/members", "listMembers", "/api/v1/members/{id}", "getMember", "/api/v1/me", "getMe").entrySet()) {
            assertEquals(named.getValue(), document.at("/paths/" + named.getKey().replace("/", "~1") + "/get/operationId")
                    .asText(), named.getKey());
        }
    }

    @Test
    void noBreakingChangeAgainstTheCommittedBaseline() throws IOException {
        JsonNode document = merged();
        // written as served, not sorted: the order of a request's media types is meaningful to client generators
        // (typescript-fetch and java take the first), and the gateway's order is stable (paths sorted, the rest as
        // each service lists it)
        String current = JSON.writeValueAsString(document);
        if (Boolean.getBoolean("impala.openapi.accept")) {
            // only a whole, lint-clean document becomes the contract
            assertFalse(document.has("x-impala-unavailable"), "a service is down: " + document.path("x-impala-unavailable"));
            assertEquals(List.of(), OpenApiLint.problems(document, PUBLIC, true), "not accepted with lint problems");
            Files.createDirectories(BASELINE.getParent());
            Files.writeString(BASELINE, current + "\n");
            System.out.println("[api-contract] baseline written: " + BASELINE);
            return;
        }
        if (!Files.exists(BASELINE)) {
            fail("no baseline at " + BASELINE + ": write it with -Dimpala.openapi.accept=true and commit it");
        }
        String baseline = Files.readString(BASELINE);
        List<String> renamed = renamesAndRetypes(JSON.readTree(baseline), document);
        assertEquals(List.of(), renamed, "breaking for generated clients against docs/api/openapi.json; if intended, "
                + "accept: ./mvnw -pl deploy/local verify -Dtest=ApiContractTest -Dimpala.openapi.accept=true");
        ChangedOpenApi diff = OpenApiCompare.fromContents(baseline, current);
        assertFalse(diff.isIncompatible(), "breaking change(s) against docs/api/openapi.json:\n" + describe(diff)
                + "\nIf intended, accept them: ./mvnw -pl deploy/local verify -Dtest=ApiContractTest "
                + "-Dimpala.openapi.accept=true, and commit the baseline with the change.");
        if (diff.isDifferent()) {
            System.out.println("[api-contract] compatible changes against the baseline (accept them to keep it current):\n"
                    + describe(diff));
        }
    }

    @Test
    void theComparisonCatchesABreakingChange() throws IOException {
        ObjectNode baseline = (ObjectNode) JSON.readTree(Files.readString(BASELINE));
        // a field the API promises to answer, no longer promised
        ObjectNode broken = baseline.deepCopy();
        ((ObjectNode) broken.at("/components/schemas/Me/properties")).remove("username");
        ((ObjectNode) broken.at("/components/schemas/Me")).putArray("required").add("roles");
        assertTrue(OpenApiCompare.fromContents(JSON.writeValueAsString(baseline), JSON.writeValueAsString(broken))
                .isIncompatible(), "a removed required response field is breaking");
        // an operation removed
        ObjectNode gone = baseline.deepCopy();
        ((ObjectNode) gone.path("paths")).remove("/api/v1/me");
        assertTrue(OpenApiCompare.fromContents(JSON.writeValueAsString(baseline), JSON.writeValueAsString(gone))
                .isIncompatible(), "a removed operation is breaking");
        // a new required query parameter
        ObjectNode required = baseline.deepCopy();
        ObjectNode get = (ObjectNode) required.at("/paths/~1api~1v1~1me/get");
        ArrayNode parameters = get.withArray("parameters");
        parameters.addObject().put("name", "tenant").put("in", "query").put("required", true)
                .putObject("schema").put("type", "string");
        assertTrue(OpenApiCompare.fromContents(JSON.writeValueAsString(baseline), JSON.writeValueAsString(required))
                .isIncompatible(), "a new required parameter is breaking");
        // what openapi-diff does not see on OpenAPI 3.1 (or reports as mere metadata), seen by our own comparison:
        // a field's type, an operation's name (a generated client's method), a schema's name (its class)
        ObjectNode retyped = baseline.deepCopy();
        ((ObjectNode) retyped.at("/components/schemas/Me/properties/username")).put("type", "integer");
        assertEquals(List.of("schema Me: property username: type \"string\" became \"integer\""),
                renamesAndRetypes(baseline, retyped));
        ObjectNode renamedOperation = baseline.deepCopy();
        ((ObjectNode) renamedOperation.at("/paths/~1api~1v1~1me/get")).put("operationId", "whoAmI");
        assertEquals(List.of("GET /api/v1/me: operationId getMe became whoAmI"), renamesAndRetypes(baseline, renamedOperation));
        ObjectNode renamedSchema = baseline.deepCopy();
        ObjectNode schemas = (ObjectNode) renamedSchema.at("/components/schemas");
        schemas.set("Caller", schemas.remove("Me"));
        assertEquals(List.of("schema Me: gone"), renamesAndRetypes(baseline, renamedSchema));
        // and an added optional field is not
        ObjectNode added = baseline.deepCopy();
        ((ObjectNode) added.at("/components/schemas/Me/properties")).putObject("locale").put("type", "string");
        assertFalse(OpenApiCompare.fromContents(JSON.writeValueAsString(baseline), JSON.writeValueAsString(added))
                .isIncompatible(), "an added response field is compatible");
    }

    /**
     * Changes that break a generated client and openapi-diff lets pass: an operationId renamed (the client's method),
     * a schema gone or renamed (its class), a property whose type, format or reference changed.
     */
    static List<String> renamesAndRetypes(JsonNode baseline, JsonNode current) {
        List<String> problems = new java.util.ArrayList<>();
        OpenApiLint.forEachOperation(baseline, (where, operation) -> {
            String[] parts = where.split(" ", 2);
            JsonNode now = current.path("paths").path(parts[1]).path(parts[0].toLowerCase());
            String was = operation.path("operationId").asText();
            if (!now.isMissingNode() && !was.equals(now.path("operationId").asText())) {
                problems.add(where + ": operationId " + was + " became " + now.path("operationId").asText());
            }
        });
        baseline.at("/components/schemas").fields().forEachRemaining(schema -> {
            JsonNode now = current.at("/components/schemas").get(schema.getKey());
            if (now == null) {
                problems.add("schema " + schema.getKey() + ": gone");
                return;
            }
            schema.getValue().path("properties").fields().forEachRemaining(property -> {
                JsonNode after = now.path("properties").get(property.getKey());
                if (after == null) {
                    return; // a removed property: openapi-diff's part
                }
                for (String facet : List.of("type", "format", "$ref")) {
                    JsonNode before = property.getValue().path(facet);
                    if (!before.equals(after.path(facet))) {
                        problems.add("schema " + schema.getKey() + ": property " + property.getKey() + ": " + facet + " "
                                + before + " became " + after.path(facet));
                    }
                }
            });
        });
        return problems;
    }

    private static JsonNode merged() throws IOException {
        var response = Api.send("GET", SharedPlatform.gateway() + "/q/openapi", null, null, Map.of());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static String describe(ChangedOpenApi diff) {
        StringBuilder out = new StringBuilder();
        diff.getMissingEndpoints().forEach(e -> out.append("  removed: ").append(e.getMethod()).append(' ')
                .append(e.getPathUrl()).append('\n'));
        diff.getNewEndpoints().forEach(e -> out.append("  added: ").append(e.getMethod()).append(' ')
                .append(e.getPathUrl()).append('\n'));
        diff.getChangedOperations().forEach(o -> out.append("  changed").append(o.isIncompatible() ? " (breaking)" : "")
                .append(": ").append(o.getHttpMethod()).append(' ').append(o.getPathUrl()).append('\n'));
        return out.toString();
    }
}
