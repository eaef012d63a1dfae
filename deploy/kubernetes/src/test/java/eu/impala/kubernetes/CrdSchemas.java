package eu.impala.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Derives the strict JSON Schemas in {@code src/test/resources/schemas/crd} from operators' published
 * CustomResourceDefinitions: the served version's {@code openAPIV3Schema}, descriptions dropped (they are most of the
 * bytes), and every object that lists its properties closed ({@code additionalProperties: false}) unless the CRD
 * lets it keep unknown fields, which is what the API server's structural pruning does to a field it does not know.
 * Only the kinds the chart renders are kept (the others it writes can be deleted). Run it again when the chart
 * targets a newer operator, from the repository's root:
 * <pre>
 * ./mvnw -pl deploy/kubernetes test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dimpala.repo.root=$PWD -Dexec.mainClass=eu.impala.kubernetes.CrdSchemas \
 *     -Dexec.args="&lt;dir of the CRD files&gt; &lt;their sources and versions&gt;"
 * </pre>
 */
public final class CrdSchemas {

    static final Path OUT = Chart.REPO.resolve("deploy/kubernetes/src/test/resources/schemas/crd");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CrdSchemas() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String source = args.length > 1 ? args[1] : dir.toString();
        Files.createDirectories(OUT);
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
                for (JsonNode crd : Chart.parse(Files.readString(file))) {
                    if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                        continue;
                    }
                    String group = crd.at("/spec/group").asText();
                    String kind = crd.at("/spec/names/kind").asText();
                    for (JsonNode version : crd.at("/spec/versions")) {
                        if (!version.path("served").asBoolean()) {
                            continue;
                        }
                        ObjectNode schema = (ObjectNode) version.at("/schema/openAPIV3Schema").deepCopy();
                        // the API server takes these at the root of any resource, listed or not
                        ObjectNode root = schema.withObject("/properties");
                        root.putIfAbsent("apiVersion", JSON.createObjectNode().put("type", "string"));
                        root.putIfAbsent("kind", JSON.createObjectNode().put("type", "string"));
                        root.putIfAbsent("metadata", JSON.createObjectNode().put("type", "object"));
                        close(schema);
                        schema.put("$comment", "Derived by CrdSchemas from " + file.getFileName() + " (" + source
                                + "): the served version's openAPIV3Schema, descriptions dropped, objects closed.");
                        Path out = OUT.resolve(group + "_" + version.path("name").asText() + "_" + kind + ".json");
                        Files.writeString(out, JSON.writeValueAsString(schema) + "\n");
                        System.out.println("wrote " + Chart.REPO.relativize(out));
                    }
                }
            }
        }
    }

    /** Drops descriptions and closes every object with listed properties, all the way down. */
    static void close(JsonNode node) {
        if (node.isArray()) {
            node.forEach(CrdSchemas::close);
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        object.remove("description");
        if (object.has("properties") && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean()
                && !object.has("additionalProperties")) {
            object.put("additionalProperties", false);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("properties")) {
                field.getValue().forEach(CrdSchemas::close); // each property's schema, not a property named so
            } else {
                close(field.getValue());
            }
        }
    }
}
