package eu.impala.local;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates event data against the JSON Schemas on the classpath ({@code schemas/<name>.json}): a service's own, or
 * a producer's from its {@code event-schemas} jar in a consumer's tests.
 */
public final class EventSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventSchemas() {
    }

    /** The validation messages; empty when {@code data} satisfies {@code schemas/<name>.json}. */
    public static Set<ValidationMessage> validate(String name, String data) throws Exception {
        try (InputStream in = EventSchemas.class.getResourceAsStream("/schemas/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + name);
            }
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            JsonNode node = JSON.readTree(data);
            return schema.validate(node);
        }
    }

    /** The schema name of a CloudEvents type: {@code eu.impala.membership.member.status-changed.v1} → {@code member-status-changed.v1}. */
    public static String nameOf(String type) {
        String[] parts = type.split("\\.");
        return parts[parts.length - 3] + "-" + parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    /** A text resource of the classpath (a golden sample, the AsyncAPI file); fails when it is missing. */
    public static String resource(String path) throws IOException {
        try (InputStream in = EventSchemas.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("missing " + path);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
