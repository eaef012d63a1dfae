package eu.impala.local.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.asyncapi.schemas.asyncapi.Reference;
import com.asyncapi.v3._0_0.model.AsyncAPI;
import com.asyncapi.v3._0_0.model.channel.Channel;
import com.asyncapi.v3._0_0.model.channel.message.Message;
import com.asyncapi.v3._0_0.model.operation.Operation;
import com.asyncapi.v3._0_0.model.operation.OperationAction;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;

import eu.impala.local.EventSchemas;
import eu.impala.local.LocalDirs;
import eu.impala.local.Topics;

/**
 * A service's {@code asyncapi.yaml}, as it is or with a piece of text replaced, and the checks on it: each returns
 * its problems as {@code service: where: what}, none when the document is right.
 */
record AsyncApiDocument(String service, Path file, String text) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Writes the parser's model back as a tree; what the document leaves out is null in the model. */
    private static final ObjectMapper MODEL_WRITER = new ObjectMapper().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    /** The draft {@code EventSchemas} compiles the event schemas with. */
    private static final JsonSchemaFactory EVENT_SCHEMAS = JsonSchemaFactory.getInstance(VersionFlag.V202012);
    private static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";
    private static final JsonSchema META_SCHEMA = EVENT_SCHEMAS.getSchema(SchemaLocation.of(DRAFT));
    private static final JsonSchema ASYNCAPI_3_0_0 = specification();
    private static final Pattern EVENT_TYPE = Pattern.compile("eu\\.impala\\.[a-z]+\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+");

    static AsyncApiDocument of(String service) {
        Path file = LocalDirs.repoRoot().resolve(service).resolve("src/main/resources/asyncapi.yaml");
        try {
            return new AsyncApiDocument(service, file, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AsyncApiDocument replacing(String from, String to) {
        return new AsyncApiDocument(service, file, text.replace(from, to));
    }

    /** Violations of the AsyncAPI 3.0.0 JSON Schema, the payload files inlined so they are checked as payloads too. */
    List<String> specificationViolations() {
        JsonNode bundled = tree().deepCopy();
        inlinePayloadFiles(bundled);
        return messages(service + ": ", ASYNCAPI_3_0_0.validate(bundled));
    }

    /**
     * What the parser could not read. It prints what it rejects and leaves that entry out of the model, so its
     * complaints are caught from System.err (JUnit runs these tests one at a time), and its model, written back, must
     * be the whole document.
     */
    List<String> parserProblems() {
        ByteArrayOutputStream complaints = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(complaints, true, StandardCharsets.UTF_8));
        AsyncAPI model;
        try {
            model = model();
        } finally {
            System.setErr(err);
        }
        List<String> problems = new ArrayList<>();
        complaints.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("com.fasterxml"))
                .forEach(line -> problems.add(service + ": parser: " + line));
        differences(service + ": #", tree(), MODEL_WRITER.valueToTree(model), problems);
        return problems;
    }

    /** Each operation is on a declared channel, lists only that channel's messages, and a send has something to send. */
    List<String> operationProblems() {
        List<String> problems = new ArrayList<>();
        AsyncAPI model = model();
        Map<String, Object> channels = orEmpty(model.getChannels());
        orEmpty(model.getOperations()).forEach((name, value) -> {
            String where = service + ": operation " + name;
            if (!(value instanceof Operation operation)) {
                problems.add(where + ": is a reference, not an operation");
                return;
            }
            String channelName = localName(operation.getChannel(), "#/channels/");
            if (!(channels.get(channelName) instanceof Channel channel)) {
                problems.add(where + ": channel " + ref(operation.getChannel()) + " is not declared");
                return;
            }
            Map<String, Object> messages = orEmpty(channel.getMessages());
            for (Reference listed : orEmpty(operation.getMessages())) {
                if (!messages.containsKey(localName(listed, "#/channels/" + channelName + "/messages/"))) {
                    problems.add(where + ": message " + ref(listed) + " is not one of channel " + channelName + "'s");
                }
            }
            if (operation.getAction() == OperationAction.SEND && messages.isEmpty()) {
                problems.add(where + ": sends on channel " + channelName + ", which declares no message");
            }
        });
        return problems;
    }

    /**
     * Each message a channel carries has a payload, and it is {@code schemas/<name>.json} beside the document: the file
     * {@code EventSchemas.validate} loads for that event type, a valid 2020-12 schema titled with the type, which the
     * service's golden sample of the event fits.
     */
    List<String> payloadProblems() {
        List<String> problems = new ArrayList<>();
        channelMessages().forEach((listedAt, message) -> {
            String where = service + ": " + listedAt;
            if (message == null) {
                problems.add(where + ": refers to no declared message");
            } else if (message.getPayload() == null) {
                problems.add(where + ": no payload");
            } else if (message.getName() == null || !EVENT_TYPE.matcher(message.getName()).matches()) {
                problems.add(where + ": name " + message.getName() + " is not an event type");
            } else {
                String schemaName = EventSchemas.nameOf(message.getName());
                String expected = "schemas/" + schemaName + ".json";
                if (!(message.getPayload() instanceof Reference payload) || !expected.equals(payload.getRef())) {
                    problems.add(where + ": payload is not {$ref: '" + expected + "'}, the schema its events are checked against");
                } else if (!Files.exists(file.resolveSibling(expected))) {
                    problems.add(where + ": " + expected + " does not exist");
                } else {
                    problems.addAll(schemaProblems(where + ": " + expected, message.getName(), readJson(file.resolveSibling(expected)),
                            LocalDirs.repoRoot().resolve(service).resolve("src/test/resources/events/" + schemaName + ".json")));
                }
            }
        });
        return problems;
    }

    List<String> topicProblems() {
        List<String> problems = new ArrayList<>();
        orEmpty(model().getChannels()).forEach((name, value) -> {
            String address = value instanceof Channel channel ? channel.getAddress() : null;
            if (!Topics.CATALOGUE.contains(address)) {
                problems.add(service + ": channel " + name + ": " + address + " is not a topic of the catalogue");
            }
        });
        return problems;
    }

    JsonNode tree() {
        return as(JsonNode.class);
    }

    AsyncAPI model() {
        return as(AsyncAPI.class);
    }

    private <T> T as(Class<T> type) {
        try {
            return YAML.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(service + ": " + e.getMessage(), e);
        }
    }

    private void inlinePayloadFiles(JsonNode node) {
        if (node instanceof ObjectNode object) {
            String ref = object.path("payload").path("$ref").asText("#");
            if (!ref.startsWith("#") && Files.exists(file.resolveSibling(ref))) {
                object.set("payload", readJson(file.resolveSibling(ref)));
            }
        }
        node.forEach(this::inlinePayloadFiles);
    }

    /** Where the model differs from the document: what the parser dropped, added or read as something else. */
    private static void differences(String at, JsonNode document, JsonNode model, List<String> out) {
        if (document.isObject() && model.isObject()) {
            document.fieldNames().forEachRemaining(field -> {
                if (model.has(field)) {
                    differences(at + "/" + field, document.get(field), model.get(field), out);
                } else {
                    out.add(at + "/" + field + ": dropped by the parser");
                }
            });
            model.fieldNames().forEachRemaining(field -> {
                if (!document.has(field)) {
                    out.add(at + "/" + field + ": added by the parser");
                }
            });
        } else if (!document.equals(model)) {
            out.add(at + ": read as " + model);
        }
    }

    /** The messages of every channel, by where they are listed; null where a reference leads to no declared message. */
    private Map<String, Message> channelMessages() {
        AsyncAPI model = model();
        Map<String, Object> declared = model.getComponents() == null ? Map.of() : orEmpty(model.getComponents().getMessages());
        Map<String, Message> found = new LinkedHashMap<>();
        orEmpty(model.getChannels()).forEach((channelName, channel) -> {
            if (channel instanceof Channel declaredChannel) {
                orEmpty(declaredChannel.getMessages()).forEach((key, entry) -> {
                    Object message = entry instanceof Reference reference ? declared.get(localName(reference, "#/components/messages/")) : entry;
                    found.put("channel " + channelName + " message " + key, message instanceof Message m ? m : null);
                });
            }
        });
        return found;
    }

    private static List<String> schemaProblems(String where, String type, JsonNode schema, Path goldenSample) {
        List<String> problems = new ArrayList<>(messages(where + ": ", META_SCHEMA.validate(schema)));
        if (!DRAFT.equals(schema.path("$schema").asText())) {
            problems.add(where + ": $schema is not " + DRAFT);
        }
        if (!type.equals(schema.path("title").asText())) {
            problems.add(where + ": title is not " + type);
        }
        if (!Files.exists(goldenSample)) {
            problems.add(where + ": no golden sample " + goldenSample.getFileName());
        } else if (problems.isEmpty()) {
            problems.addAll(messages(where + ": golden sample: ", EVENT_SCHEMAS.getSchema(schema).validate(readJson(goldenSample))));
        }
        return problems;
    }

    /** The official schema, stored beside its provenance in src/test/resources/asyncapi/. */
    private static JsonSchema specification() {
        try (InputStream in = AsyncApiDocument.class.getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
            return JsonSchemaFactory.getInstance(VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(Path json) {
        try {
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> messages(String prefix, Collection<ValidationMessage> messages) {
        return messages.stream().map(m -> prefix + m.getMessage()).toList();
    }

    private static String localName(Reference reference, String prefix) {
        String ref = ref(reference);
        return ref != null && ref.startsWith(prefix) ? ref.substring(prefix.length()) : null;
    }

    private static String ref(Reference reference) {
        return reference == null ? null : reference.getRef();
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
