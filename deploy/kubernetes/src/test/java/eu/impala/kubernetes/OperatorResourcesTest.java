package eu.impala.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Each kind of operator resource the chart renders is checked strictly against what its operator accepts (Strimzi's
 * model, or the schema derived from the operator's CRD): as rendered it passes, and one misspelt field fails with
 * that field's path in the message.
 */
class OperatorResourcesTest {

    /** A field of a rendered resource, at {@code parent}, written as {@code misspelt} instead of {@code field}. */
    record Misspelling(String type, String parent, String field, String misspelt) {

        /** The path the check must name, as JSON Path. */
        String path() {
            return "$" + parent.replaceAll("/(\\d+)", "[$1]").replace('/', '.') + "." + misspelt;
        }
    }

    static final Set<Misspelling> MISSPELLINGS = Set.of(
            new Misspelling("k8s.keycloak.org/v2alpha1/Keycloak", "/spec/db", "poolMaxSize", "poolMaxsize"),
            new Misspelling("k8s.keycloak.org/v2alpha1/KeycloakRealmImport", "/spec/realm", "bruteForceProtected",
                    "bruteForceProtection"),
            new Misspelling("postgresql.cnpg.io/v1/Cluster", "/spec/managed/roles/0", "passwordSecret", "passwordSecrets"),
            new Misspelling("postgresql.cnpg.io/v1/Database", "/spec", "databaseReclaimPolicy", "reclaimPolicy"),
            new Misspelling("postgresql.cnpg.io/v1/ScheduledBackup", "/spec", "immediate", "immediately"),
            new Misspelling("monitoring.coreos.com/v1/ServiceMonitor", "/spec/endpoints/0", "interval", "intervall"),
            new Misspelling("monitoring.coreos.com/v1/PrometheusRule", "/spec/groups/0/rules/0", "annotations", "annotation"),
            new Misspelling("kafka.strimzi.io/v1/Kafka", "/spec/kafka/listeners/0", "networkPolicyPeers",
                    "networkPolicyPeer"),
            new Misspelling("kafka.strimzi.io/v1/KafkaNodePool", "/spec/storage/volumes/0", "deleteClaim", "deleteClaims"),
            new Misspelling("kafka.strimzi.io/v1/KafkaTopic", "/spec", "partitions", "partition"),
            // v1beta2's deprecated singular, gone from Strimzi's v1 API
            new Misspelling("kafka.strimzi.io/v1/KafkaUser", "/spec/authorization/acls/0", "operations", "operation"));

    @Test
    void everyKindOfOperatorResourceTheChartRendersHasAMisspellingCase() {
        Set<String> operatorKinds = Chart.production().objects().stream().map(Models::typeOf)
                .filter(OperatorResourcesTest::isOperatorKind).collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = MISSPELLINGS.stream().map(Misspelling::type).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(operatorKinds, covered);
    }

    @TestFactory
    Stream<DynamicTest> aMisspeltFieldOfEachOperatorKindFailsNamingTheField() {
        return MISSPELLINGS.stream().sorted(Comparator.comparing(Misspelling::type)).map(m ->
                DynamicTest.dynamicTest(m.type() + ": " + m.misspelt() + " for " + m.field(), () -> {
                    JsonNode rendered = firstOf(m.type());
                    assertEquals(Set.of(), Models.problems(rendered), "as rendered");

                    ObjectNode misspelt = rendered.deepCopy();
                    ObjectNode parent = (ObjectNode) misspelt.at(m.parent());
                    assertTrue(parent.has(m.field()), () -> m.parent() + " has no " + m.field() + " to misspell");
                    parent.set(m.misspelt(), parent.remove(m.field()));
                    Set<String> problems = Models.problems(misspelt);
                    assertTrue(problems.stream().anyMatch(p -> p.contains(m.path() + ":")),
                            () -> "no problem names " + m.path() + ": " + problems);
                }));
    }

    @Test
    void aMisspeltMetadataFieldOfACrdCheckedResourceFailsNamingTheField() {
        Set<String> problems = problemsAfter("postgresql.cnpg.io/v1/Cluster", cluster -> {
            ObjectNode metadata = (ObjectNode) cluster.get("metadata");
            metadata.set("label", metadata.remove("labels"));
        });
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("$.metadata.label:")), problems::toString);
    }

    @Test
    void aValueOutsideTheCrdsEnumFails() {
        Set<String> problems = problemsAfter("postgresql.cnpg.io/v1/Database",
                database -> ((ObjectNode) database.get("spec")).put("ensure", "presnt"));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("$.spec.ensure:") && p.contains("enum")),
                problems::toString);
    }

    @Test
    void aFieldTheCrdRequiresCannotBeLeftOut() {
        Set<String> problems = problemsAfter("postgresql.cnpg.io/v1/ScheduledBackup",
                backup -> ((ObjectNode) backup.get("spec")).remove("schedule"));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("$.spec.schedule:") && p.contains("requires")),
                problems::toString);
    }

    @Test
    void aStrimziEnumValueOutsideItsSetFails() {
        Set<String> problems = problemsAfter("kafka.strimzi.io/v1/KafkaUser",
                user -> ((ObjectNode) user.at("/spec/authentication")).put("type", "scram-sha-999"));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("$.spec.authentication:") && p.contains("scram-sha-999")),
                problems::toString);
    }

    @Test
    void mapsAndFieldsTheCrdLeavesOpenTakeAnyKey() {
        assertEquals(Set.of(), problemsAfter("postgresql.cnpg.io/v1/Cluster",
                cluster -> ((ObjectNode) cluster.at("/spec/postgresql/parameters")).put("work_mem", "8MB")),
                "postgresql.parameters is a map of strings");
        assertEquals(Set.of(), problemsAfter("k8s.keycloak.org/v2alpha1/KeycloakRealmImport",
                realm -> ((ObjectNode) realm.at("/spec/realm")).putObject("clientPolicies").put("anything", "kept")),
                "the CRD keeps unknown fields of realm.clientPolicies");
    }

    /** The problems of the first rendered resource of a type once changed. */
    private static Set<String> problemsAfter(String type, Consumer<ObjectNode> change) {
        ObjectNode object = firstOf(type).deepCopy();
        change.accept(object);
        return Models.problems(object);
    }

    private static boolean isOperatorKind(String type) {
        return Models.CRD_CHECKED.contains(type) || type.startsWith("kafka.strimzi.io/");
    }

    private static JsonNode firstOf(String type) {
        return Chart.production().objects().stream().filter(o -> type.equals(Models.typeOf(o))).findFirst()
                .orElseThrow(() -> new AssertionError("the production values render no " + type));
    }
}
