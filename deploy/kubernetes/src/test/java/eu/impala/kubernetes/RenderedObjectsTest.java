package eu.impala.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.keycloak.representations.idm.RealmRepresentation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every object the chart renders, for both value sets, conforms to the published model of its kind or its operator's
 * CRD (what each operator kind refuses: {@link OperatorResourcesTest}).
 */
class RenderedObjectsTest {

    @TestFactory
    Stream<DynamicTest> everyRenderedObjectConformsToItsModel() {
        return Chart.valueSets().stream().flatMap(set -> set.getValue().objects().stream().map(object ->
                DynamicTest.dynamicTest(set.getKey() + ": " + Models.typeOf(object) + " "
                        + object.at("/metadata/name").asText(), () -> {
                    Set<String> problems = Models.problems(object);
                    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
                })));
    }

    @Test
    void theImportedRealmIsAValidKeycloakRealm() throws Exception {
        for (var set : Chart.valueSets()) {
            JsonNode realm = set.getValue().ofKind("KeycloakRealmImport").get(0).at("/spec/realm");
            RealmRepresentation parsed = Models.STRICT.treeToValue(realm, RealmRepresentation.class);
            assertEquals("impala", parsed.getRealm(), set.getKey());
        }
    }

    @Test
    void namesAreUniquePerKindAndValidKubernetesNames() {
        for (var set : Chart.valueSets()) {
            Set<String> seen = new HashSet<>();
            for (JsonNode object : set.getValue().objects()) {
                String name = object.at("/metadata/name").asText();
                assertTrue(name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") && name.length() <= 63,
                        set.getKey() + ": not a valid name: " + name);
                assertTrue(seen.add(Models.typeOf(object) + "/" + name), set.getKey() + ": twice: " + name);
            }
        }
    }

    @Test
    void aMisspeltFieldOfAKubernetesObjectIsReportedWithItsPath() {
        ObjectNode deployment = (ObjectNode) Chart.defaults().ofKind("Deployment").get(0).deepCopy();
        ((ObjectNode) deployment.get("spec")).put("replica", 2);
        Set<String> problems = Models.problems(deployment);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("$.spec.replica:")), problems::toString);
    }

    @Test
    void eachKindTheChartCanRenderHasAModel() {
        Map<String, Object> everythingOn = new LinkedHashMap<>();
        everythingOn.put("serviceMonitor.enabled", true);
        everythingOn.put("monitoring.dashboard.enabled", true);
        everythingOn.put("monitoring.prometheusRule.enabled", true);
        everythingOn.put("postgres.backup.enabled", true);
        everythingOn.put("postgres.backup.destinationPath", "s3://backups/impala");
        everythingOn.put("postgres.backup.s3CredentialsSecret", "s3");
        List<JsonNode> objects = Chart.render(null, everythingOn).objects();
        Set<String> types = new HashSet<>();
        objects.forEach(o -> types.add(Models.typeOf(o)));
        Set<String> known = new HashSet<>(Models.CLASSES.keySet());
        known.addAll(Models.CRD_CHECKED);
        assertEquals(known, types, "the chart renders exactly the kinds the checks know");
        objects.forEach(o -> assertTrue(Models.problems(o).isEmpty(), () -> Models.typeOf(o) + ": " + Models.problems(o)));
    }
}
