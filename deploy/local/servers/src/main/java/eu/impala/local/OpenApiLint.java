package eu.impala.local;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The rules an OpenAPI document of the platform must pass, for the frontend team's generated clients and readers:
 * the checks of Redocly's recommended set that matter here, written in Java so the build runs them without Node, and
 * a few of our own. A service's test lints the service's document; the end-to-end contract test lints the gateway's
 * merged one. Each problem reads {@code rule: where: what}.
 * <ul>
 * <li>{@code operation-operationId}: every operation has an operationId, lower camel case, unique in the document
 * (generated clients name their methods after it);</li>
 * <li>{@code operation-summary}: every operation has a summary;</li>
 * <li>{@code operation-tag-defined}, {@code tag-description}: every operation has a tag, declared at the top with
 * a description;</li>
 * <li>{@code operation-2xx-response}, {@code operation-4xx-response}: a 2xx and at least one client error,
 * the errors as {@code application/problem+json};</li>
 * <li>{@code security-defined}: every operation states its security, naming a declared scheme, or none at all
 * ({@code security: []}) only if it is one of the public operations the caller names;</li>
 * <li>{@code path-parameters-defined}: each {@code {name}} of a path is a declared path parameter;</li>
 * <li>{@code operation-examples}: a JSON request body and each JSON success response carry an example, and
 * {@code example-valid}: every example validates against its schema, formats included;</li>
 * <li>{@code no-empty-servers} (merged document only): servers name where the API is.</li>
 * </ul>
 * Left out on purpose: {@code info-license} (the API is not published under a licence) and
 * {@code no-unused-components} (the services' schemas are shared with their event catalogues).
 */
public final class OpenApiLint {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern OPERATION_ID = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final String PROBLEM = "application/problem+json";

    private OpenApiLint() {
    }

    /**
     * The problems of {@code document}. {@code publicOperations}: the operationIds that may have no security;
     * {@code serversRequired}: the merged document must say where the API is, a service's own need not.
     */
    public static List<String> problems(JsonNode document, Set<String> publicOperations, boolean serversRequired) {
        List<String> problems = new ArrayList<>();
        Set<String> declaredTags = new HashSet<>();
        for (JsonNode tag : document.path("tags")) {
            declaredTags.add(tag.path("name").asText());
            if (tag.path("description").asText().isBlank()) {
                problems.add("tag-description: tag " + tag.path("name").asText() + ": no description");
            }
        }
        Set<String> schemes = new HashSet<>();
        document.at("/components/securitySchemes").fieldNames().forEachRemaining(schemes::add);
        if (serversRequired && (!document.path("servers").isArray() || document.path("servers").isEmpty()
                || document.at("/servers/0/url").asText().isBlank())) {
            problems.add("no-empty-servers: the document names no server");
        }
        boolean globalSecurity = document.path("security").isArray() && !document.path("security").isEmpty();
        Set<String> operationIds = new HashSet<>();
        walk(document, (path, pathItem, where, operation) -> {
            String id = operation.path("operationId").asText();
            if (id.isEmpty()) {
                problems.add("operation-operationId: " + where + ": no operationId");
            } else if (!OPERATION_ID.matcher(id).matches()) {
                problems.add("operation-operationId: " + where + ": " + id + " is not lower camel case");
            } else if (!operationIds.add(id)) {
                problems.add("operation-operationId: " + where + ": " + id + " is used twice");
            }
            if (operation.path("summary").asText().isBlank()) {
                problems.add("operation-summary: " + where + ": no summary");
            }
            if (operation.path("tags").isEmpty()) {
                problems.add("operation-tag-defined: " + where + ": no tag");
            }
            for (JsonNode tag : operation.path("tags")) {
                if (!declaredTags.contains(tag.asText())) {
                    problems.add("operation-tag-defined: " + where + ": tag " + tag.asText() + " is not declared");
                }
            }
            security(operation, where, id, globalSecurity, schemes, publicOperations, problems);
            responses(document, operation, where, problems);
            parameters(path, pathItem, operation, where, problems);
            JsonNode body = operation.at("/requestBody/content/application~1json");
            if (!body.isMissingNode()) {
                examples(document, body, where + " request body", problems);
            }
        });
        return problems;
    }

    private static void security(JsonNode operation, String where, String id, boolean globalSecurity, Set<String> schemes,
            Set<String> publicOperations, List<String> problems) {
        JsonNode security = operation.get("security");
        if (security == null) {
            if (!globalSecurity) {
                problems.add("security-defined: " + where + ": no security requirement (public ones say security: [])");
            }
            return;
        }
        if (security.isEmpty() || security.size() == 1 && security.get(0).isEmpty()) {
            if (!publicOperations.contains(id)) {
                problems.add("security-defined: " + where + ": open to anyone, but not one of the public operations");
            }
            return;
        }
        for (JsonNode requirement : security) {
            requirement.fieldNames().forEachRemaining(scheme -> {
                if (!schemes.contains(scheme)) {
                    problems.add("security-defined: " + where + ": scheme " + scheme + " is not declared");
                }
            });
        }
    }

    private static void responses(JsonNode document, JsonNode operation, String where, List<String> problems) {
        boolean success = false;
        boolean clientError = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = operation.path("responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> response = it.next();
            String code = response.getKey();
            JsonNode content = resolve(document, response.getValue()).path("content");
            if (code.startsWith("2")) {
                success = true;
                JsonNode json = content.path("application/json");
                if (!json.isMissingNode()) {
                    examples(document, json, where + " " + code, problems);
                }
            } else if (code.startsWith("4")) {
                clientError = true;
                if (!content.isEmpty() && !content.has(PROBLEM)) {
                    problems.add("operation-4xx-response: " + where + " " + code + ": not " + PROBLEM);
                }
            }
        }
        if (!success) {
            problems.add("operation-2xx-response: " + where + ": no success response");
        }
        if (!clientError) {
            problems.add("operation-4xx-response: " + where + ": no 4xx response");
        }
    }

    private static void parameters(String path, JsonNode pathItem, JsonNode operation, String where, List<String> problems) {
        Set<String> declared = new HashSet<>();
        for (JsonNode list : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : list) {
                if ("path".equals(parameter.path("in").asText())) {
                    declared.add(parameter.path("name").asText());
                }
            }
        }
        Matcher m = PATH_PARAMETER.matcher(path);
        while (m.find()) {
            if (!declared.contains(m.group(1))) {
                problems.add("path-parameters-defined: " + where + ": {" + m.group(1) + "} is not a declared path parameter");
            }
        }
    }

    private static void examples(JsonNode document, JsonNode mediaType, String where, List<String> problems) {
        List<JsonNode> examples = new ArrayList<>();
        if (mediaType.has("example")) {
            examples.add(mediaType.get("example"));
        }
        for (JsonNode example : mediaType.path("examples")) {
            JsonNode value = resolve(document, example).get("value");
            if (value != null) {
                examples.add(value);
            }
        }
        if (examples.isEmpty()) {
            problems.add("operation-examples: " + where + ": no example");
            return;
        }
        JsonNode schema = mediaType.path("schema");
        if (schema.isMissingNode()) {
            return;
        }
        for (JsonNode example : examples) {
            for (ValidationMessage message : validate(document, schema, example)) {
                problems.add("example-valid: " + where + ": " + message.getMessage());
            }
        }
    }

    /** Each operation of the document, with where it is ({@code GET /api/v1/members}). */
    public static void forEachOperation(JsonNode document, java.util.function.BiConsumer<String, JsonNode> check) {
        walk(document, (path, pathItem, where, operation) -> check.accept(where, operation));
    }

    private interface OperationVisitor {
        void visit(String path, JsonNode pathItem, String where, JsonNode operation);
    }

    private static void walk(JsonNode document, OperationVisitor visitor) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    visitor.visit(path.getKey(), path.getValue(), method.toUpperCase() + " " + path.getKey(), operation);
                }
            }
        }
    }

    /** An example against a schema of the document: the document itself is the root, so its $refs resolve. */
    static Set<ValidationMessage> validate(JsonNode document, JsonNode schema, JsonNode example) {
        ObjectNode root = document.deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.putArray("allOf").add(schema);
        // formats asserted too (2020-12 only annotates them by default): a uuid, date or date-time must be one
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root).validate(example,
                context -> context.getExecutionConfig().setFormatAssertionsEnabled(true));
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asText();
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
    }
}
