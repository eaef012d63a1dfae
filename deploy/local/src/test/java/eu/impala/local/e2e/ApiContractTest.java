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
 * committed baseline {@code docs/api/openapi.json}: a breaking change (a removed operation, field or enum value, a
 * new required parameter, a narrower type) fails the build. To accept an intended change, write the current
 * document over the baseline and commit it with the change:
 * <pre>
 * ./mvnw -pl deploy/local verify -Dtest=ApiContractTest -Dimpala.openapi.accept=true
 * </pre>
 */
@ExtendWith(SharedPlatform.class)
class ApiContractTest {

    static final Path BASELINE = LocalDirs.repoRoot().resolve("docs/api/openapi.json");
    /** The operations anyone may call without a token: the public campaign pages. */
    static final Set<String> PUBLIC = Set.of("listPublicCampaigns", "getPublicCampaign", "getPublicCampaignCounters",
            "listPublicCampaignSignatories");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

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
        String current = JSON.writeValueAsString(merged());
        if (Boolean.getBoolean("impala.openapi.accept")) {
            Files.createDirectories(BASELINE.getParent());
            Files.writeString(BASELINE, current + "\n");
            System.out.println("[api-contract] baseline written: " + BASELINE);
            return;
        }
        if (!Files.exists(BASELINE)) {
            fail("no baseline at " + BASELINE + ": write it with -Dimpala.openapi.accept=true and commit it");
        }
        ChangedOpenApi diff = OpenApiCompare.fromContents(Files.readString(BASELINE), current);
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
        // and an added optional field is not
        ObjectNode added = baseline.deepCopy();
        ((ObjectNode) added.at("/components/schemas/Me/properties")).putObject("locale").put("type", "string");
        assertFalse(OpenApiCompare.fromContents(JSON.writeValueAsString(baseline), JSON.writeValueAsString(added))
                .isIncompatible(), "an added response field is compatible");
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
