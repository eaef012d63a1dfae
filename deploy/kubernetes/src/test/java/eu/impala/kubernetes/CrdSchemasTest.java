package eu.impala.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How {@link CrdSchemas} turns a CRD into a strict schema, and what the committed derived schemas hold. */
class CrdSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void proseAndDefaultsAreDroppedAndConstraintsKept() {
        JsonNode schema = CrdSchemas.strict(yaml("""
                type: string
                description: Where the backups go.
                default: none
                enum: [none, self]
                pattern: ^[a-z]+$
                x-kubernetes-validations: [{rule: self == oldSelf, message: immutable}]
                """));
        assertEquals(JSON.valueToTree(Map.of("type", "string", "enum", List.of("none", "self"), "pattern", "^[a-z]+$")),
                schema);
    }

    @Test
    void anObjectIsClosedWhetherItListsItsFieldsOrNot() {
        JsonNode schema = CrdSchemas.strict(yaml("""
                type: object
                required: [name]
                properties:
                  name: {type: string}
                  template: {type: object}
                """));
        assertFalse(schema.path("additionalProperties").asBoolean(true));
        assertFalse(schema.at("/properties/template/additionalProperties").asBoolean(true));
        assertEquals("name", schema.at("/required/0").asText());
    }

    @Test
    void preservedUnknownFieldsStayOpenButTheFieldsTheyListAreClosed() {
        JsonNode schema = CrdSchemas.strict(yaml("""
                type: object
                x-kubernetes-preserve-unknown-fields: true
                properties:
                  known: {type: object, properties: {a: {type: string}}}
                """));
        assertFalse(schema.has("additionalProperties"));
        assertFalse(schema.at("/properties/known/additionalProperties").asBoolean(true));
    }

    @Test
    void aMapKeepsTheSchemaOfItsValues() {
        JsonNode schema = CrdSchemas.strict(yaml("""
                type: object
                additionalProperties: {type: string, description: a value}
                """));
        assertEquals(JSON.valueToTree(Map.of("type", "string")), schema.get("additionalProperties"));
    }

    @Test
    void nullableSetsAndIntOrStringsBecomeJsonSchema() {
        JsonNode schema = CrdSchemas.strict(yaml("""
                type: object
                properties:
                  note: {type: string, nullable: true}
                  hosts: {type: array, items: {type: string}, x-kubernetes-list-type: set}
                  port:
                    anyOf: [{type: integer}, {type: string}]
                    x-kubernetes-int-or-string: true
                """));
        assertEquals("[\"string\",\"null\"]", schema.at("/properties/note/type").toString());
        assertTrue(schema.at("/properties/hosts/uniqueItems").asBoolean());
        assertEquals(2, schema.at("/properties/port/anyOf").size());
    }

    @Test
    void aResourceDropsStatusAndTakesTheFieldsEveryResourceHas() {
        JsonNode schema = CrdSchemas.resource(yaml("""
                type: object
                properties:
                  spec: {type: object, properties: {size: {type: string}}}
                  status: {type: object}
                """));
        assertEquals(Set.of("apiVersion", "kind", "metadata", "spec"), fieldNames(schema.get("properties")));
    }

    @Test
    void onlyTheKindsTheChecksNeedAreDerivedAndEachNamesItsSource() {
        JsonNode crd = yaml("""
                kind: CustomResourceDefinition
                spec:
                  group: postgresql.cnpg.io
                  names: {kind: Database}
                  versions:
                    - {name: v1, served: true, schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object}}}}}
                    - {name: v0, served: true, schema: {openAPIV3Schema: {type: object}}}
                """);
        Map<String, ObjectNode> derived = CrdSchemas.derive(crd, "dbs.yaml",
                Map.of("postgresql.cnpg.io", "CloudNativePG v9"));
        assertEquals(Set.of("postgresql.cnpg.io/v1/Database"), derived.keySet());
        String comment = derived.get("postgresql.cnpg.io/v1/Database").get("$comment").asText();
        assertTrue(comment.contains("dbs.yaml") && comment.contains("CloudNativePG v9"), comment);

        IllegalArgumentException unnamed = assertThrows(IllegalArgumentException.class,
                () -> CrdSchemas.derive(crd, "dbs.yaml", Map.of()));
        assertTrue(unnamed.getMessage().contains("postgresql.cnpg.io"), unnamed.getMessage());
    }

    @Test
    void theCommittedSchemasAreOnePerCheckedKindWithoutProseAndSayWhereTheyComeFrom() throws IOException {
        Set<String> expected = new TreeSet<>();
        Models.CRD_CHECKED.forEach(type -> expected.add(Models.crdSchemaFile(type)));
        Set<String> committed = new TreeSet<>();
        try (var files = Files.list(CrdSchemas.OUT)) {
            files.filter(f -> f.toString().endsWith(".json")).forEach(f -> committed.add(f.getFileName().toString()));
        }
        assertEquals(expected, committed);
        for (String file : committed) {
            JsonNode schema = JSON.readTree(CrdSchemas.OUT.resolve(file).toFile());
            assertTrue(schema.path("$comment").asText().matches(".*derived by CrdSchemas from \\S+ \\(.*(v\\d|tag).*"),
                    file + ": " + schema.path("$comment"));
            List<String> leftOver = new ArrayList<>();
            upstreamOnlyKeywords(schema, "$", leftOver);
            assertEquals(List.of(), leftOver, file);
        }
    }

    /** Keywords of the CRD that the derived schema must not carry: prose, defaults, Kubernetes extensions. */
    private static void upstreamOnlyKeywords(JsonNode schema, String path, List<String> found) {
        schema.fields().forEachRemaining(keyword -> {
            String name = keyword.getKey();
            JsonNode value = keyword.getValue();
            if (name.equals("properties")) {
                value.fields().forEachRemaining(p -> upstreamOnlyKeywords(p.getValue(), path + "." + p.getKey(), found));
            } else if (Set.of("description", "default", "example", "nullable").contains(name) || name.startsWith("x-")) {
                found.add(path + " " + name);
            } else if (value.isObject()) {
                upstreamOnlyKeywords(value, path + "/" + name, found);
            } else if (value.isArray()) {
                value.forEach(item -> upstreamOnlyKeywords(item, path + "/" + name, found));
            }
        });
    }

    private static JsonNode yaml(String text) {
        return Chart.parse(text).get(0);
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
