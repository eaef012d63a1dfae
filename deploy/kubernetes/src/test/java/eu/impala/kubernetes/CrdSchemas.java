package eu.impala.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Derives the strict JSON Schemas in {@code src/test/resources/schemas/crd} from operators' published
 * CustomResourceDefinitions, for the kinds {@link Models#CRD_CHECKED} names and nothing else.
 * <p>
 * A derived schema refuses what the API server would silently prune: every object is closed
 * ({@code additionalProperties: false}) unless the CRD lets it keep unknown fields or declares it a map. Only the
 * keywords that constrain a value are kept (no description, default or example); CEL rules
 * ({@code x-kubernetes-validations}) cannot be evaluated here and are dropped. {@code status} is dropped too: the
 * chart never writes it. How to run it again, and where the committed schemas come from:
 * {@code src/test/resources/schemas/README.md}.
 */
public final class CrdSchemas {

    static final Path OUT = Chart.REPO.resolve("deploy/kubernetes/src/test/resources/schemas/crd");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One value a line and no indentation: small, and a new operator version shows as a readable diff. */
    private static final DefaultPrettyPrinter LINES = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("", "\n")).withArrayIndenter(new DefaultIndenter("", "\n"))
            .withoutSpacesInObjectEntries();
    /** The keywords whose value is a schema, or a list of schemas, to derive in turn. */
    private static final Set<String> SUBSCHEMAS = Set.of("items", "additionalProperties", "not", "anyOf", "oneOf",
            "allOf");
    /** The keywords kept as they are: they constrain a value and carry no prose. */
    private static final Set<String> CONSTRAINTS = Set.of("type", "enum", "required", "format", "pattern",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength",
            "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties");

    private CrdSchemas() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] groupAndSource = args[i].split("=", 2);
            sources.put(groupAndSource[0], groupAndSource[1]);
        }
        Map<String, ObjectNode> derived = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
                for (JsonNode crd : Chart.parse(Files.readString(file))) {
                    if ("CustomResourceDefinition".equals(crd.path("kind").asText())) {
                        derived.putAll(derive(crd, file.getFileName().toString(), sources));
                    }
                }
            }
        }
        Set<String> missing = new TreeSet<>(Models.CRD_CHECKED);
        missing.removeAll(derived.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no served CRD version in " + dir + " for " + missing);
        }
        Files.createDirectories(OUT);
        for (Map.Entry<String, ObjectNode> schema : derived.entrySet()) {
            Path out = OUT.resolve(Models.crdSchemaFile(schema.getKey()));
            Files.writeString(out, JSON.writer(LINES).writeValueAsString(schema.getValue()) + "\n");
            System.out.println("wrote " + Chart.REPO.relativize(out));
        }
    }

    /** apiVersion/kind → derived schema, for each served version of one CRD that the checks need. */
    static Map<String, ObjectNode> derive(JsonNode crd, String fileName, Map<String, String> sources) {
        String group = crd.at("/spec/group").asText();
        String kind = crd.at("/spec/names/kind").asText();
        Map<String, ObjectNode> schemas = new TreeMap<>();
        for (JsonNode version : crd.at("/spec/versions")) {
            String type = group + "/" + version.path("name").asText() + "/" + kind;
            if (!version.path("served").asBoolean() || !Models.CRD_CHECKED.contains(type)) {
                continue;
            }
            String source = sources.get(group);
            if (source == null) {
                throw new IllegalArgumentException("say where the CRDs of " + group + " come from: " + group + "=…");
            }
            ObjectNode schema = JSON.createObjectNode()
                    .put("$schema", "http://json-schema.org/draft-07/schema#")
                    .put("$comment", type + ", derived by CrdSchemas from " + fileName + " (" + source
                            + "): no prose, objects closed where the API server would prune unknown fields");
            schema.setAll(resource(version.at("/schema/openAPIV3Schema")));
            schemas.put(type, schema);
        }
        return schemas;
    }

    /** A resource's root: what the CRD says, less status, plus the fields every resource has. */
    static ObjectNode resource(JsonNode root) {
        ObjectNode schema = strict(root);
        ObjectNode properties = schema.withObject("/properties");
        properties.remove("status");
        properties.set("apiVersion", JSON.createObjectNode().put("type", "string"));
        properties.set("kind", JSON.createObjectNode().put("type", "string"));
        // the API server checks metadata as ObjectMeta whatever the CRD says; Models binds it to that model
        properties.set("metadata", JSON.createObjectNode().put("type", "object"));
        return schema;
    }

    /** One node of a CRD's structural schema as a JSON Schema that refuses what the API server would prune. */
    static ObjectNode strict(JsonNode crd) {
        ObjectNode schema = JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = crd.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            if (keyword.equals("properties")) {
                ObjectNode properties = schema.putObject("properties");
                value.fields().forEachRemaining(p -> properties.set(p.getKey(), strict(p.getValue())));
            } else if (SUBSCHEMAS.contains(keyword) && value.isArray()) {
                ArrayNode list = schema.putArray(keyword);
                value.forEach(item -> list.add(strict(item)));
            } else if (SUBSCHEMAS.contains(keyword) && value.isObject()) {
                schema.set(keyword, strict(value));
            } else if (CONSTRAINTS.contains(keyword) || SUBSCHEMAS.contains(keyword) && value.isBoolean()) {
                schema.set(keyword, value.deepCopy());
            }
        }
        if (crd.path("nullable").asBoolean() && schema.has("type")) {
            schema.set("type", JSON.createArrayNode().add(schema.get("type")).add("null"));
        }
        if ("set".equals(crd.path("x-kubernetes-list-type").asText())) {
            schema.put("uniqueItems", true);
        }
        if (crd.path("x-kubernetes-embedded-resource").asBoolean()) {
            ObjectNode properties = schema.withObject("/properties");
            properties.putIfAbsent("apiVersion", JSON.createObjectNode().put("type", "string"));
            properties.putIfAbsent("kind", JSON.createObjectNode().put("type", "string"));
            properties.putIfAbsent("metadata", JSON.createObjectNode().put("type", "object"));
        }
        boolean object = "object".equals(crd.path("type").asText()) || crd.has("properties");
        if (object && !crd.has("additionalProperties")
                && !crd.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            // an object whose fields are all listed, or one without any: the API server prunes the rest
            schema.put("additionalProperties", false);
        }
        return schema;
    }
}
