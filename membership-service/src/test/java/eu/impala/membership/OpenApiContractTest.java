package eu.impala.membership;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.local.OpenApiLint;
import eu.impala.membership.sync.SyncMode;
import io.quarkus.test.junit.QuarkusTest;

/** The service's OpenAPI document is the frontend team's contract: it must pass the platform's rules and say the truth. */
@QuarkusTest
class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final String MEMBERS = "/paths/~1api~1v1~1members";
    private static final String MEMBER = "/paths/~1api~1v1~1members~1{id}";
    private static final String DUPLICATES = "/paths/~1api~1v1~1members~1duplicates";
    private static final String MERGE = "/paths/~1api~1v1~1members~1{id}~1merge";
    private static final String SYNC = "/paths/~1api~1v1~1associations~1{associationId}~1sync";
    private static final String CHANGES = "/paths/~1api~1v1~1associations~1{associationId}~1changes";
    private static final String RENEWALS_DUE = "/paths/~1api~1v1~1associations~1{associationId}~1renewals-due";
    /** The one operation open to anyone: anonymised counts of the members. */
    private static final Set<String> PUBLIC = Set.of("getPublicMemberCounts");

    private static JsonNode document() throws Exception {
        return JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void theDocumentPassesThePlatformsOpenApiRules() throws Exception {
        List<String> problems = OpenApiLint.problems(document(), PUBLIC, false);
        assertTrue(problems.isEmpty(), () -> problems.size() + " problem(s):\n" + String.join("\n", problems));
    }

    @Test
    void theOperationsTheFrontendCallsByNameAreOnTheirPaths() throws Exception {
        JsonNode doc = document();
        assertEquals("listMembers", doc.at(MEMBERS + "/get/operationId").asText());
        assertEquals("createMember", doc.at(MEMBERS + "/post/operationId").asText());
        assertEquals("getMember", doc.at(MEMBER + "/get/operationId").asText());
        assertEquals("listDuplicateMembers", doc.at(DUPLICATES + "/get/operationId").asText());
        assertEquals("mergeMembers", doc.at(MERGE + "/post/operationId").asText());
        assertEquals("syncAssociation", doc.at(SYNC + "/post/operationId").asText());
        assertEquals("listAssociationChanges", doc.at(CHANGES + "/get/operationId").asText());
        assertEquals("listAssociationRenewalsDue", doc.at(RENEWALS_DUE + "/get/operationId").asText());
    }

    @Test
    void everyOperationButThePublicCountsNeedsABearerTokenOfTheJwtScheme() throws Exception {
        JsonNode doc = document();
        assertEquals("bearer", doc.at("/components/securitySchemes/jwt/scheme").asText());
        List<String> open = new ArrayList<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (METHODS.contains(operation.getKey()) && !operation.getValue().at("/security/0").has("jwt")
                    && !PUBLIC.contains(operation.getValue().path("operationId").asText())) {
                open.add(operation.getKey() + " " + path.getKey());
            }
        }));
        assertEquals(List.of(), open, "membership's only public operation is the anonymised counts");
    }

    @Test
    void theDocumentedSyncModesAreTheOnesTheServiceAccepts() throws Exception {
        Set<String> documented = new TreeSet<>();
        for (JsonNode parameter : document().at(SYNC + "/post/parameters")) {
            if (parameter.path("name").asText().equals("mode")) {
                parameter.at("/schema/enum").forEach(mode -> documented.add(mode.asText()));
            }
        }
        assertEquals(new TreeSet<>(Arrays.stream(SyncMode.values()).map(SyncMode::wire).toList()), documented);
    }

    @Test
    void theMemberExampleHasTheFieldsOfARealMember() throws Exception {
        String token = MembershipTestServers.tokens().demoUser("secretariat");
        String id = TestMembers.register(token, TestMembers.body("Example Check", "FR", null)).then().statusCode(201)
                .extract().path("id");
        JsonNode real = JSON.readTree(given().auth().oauth2(token).get("/api/v1/members/" + id).then().statusCode(200)
                .extract().asString());
        JsonNode example = document().at(MEMBER + "/get/responses/200/content/application~1json/examples/member/value");
        assertEquals(fields(real), fields(example), "the example shows what a member really looks like");
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
