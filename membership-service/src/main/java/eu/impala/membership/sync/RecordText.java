package eu.impala.membership.sync;

import java.io.IOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A sync body read in one pass: its tree, as {@code ObjectMapper.readTree} gives it, and where each record of the
 * records array (the last {@code "records"} field of an object body, or a bare array) stands in the body's text.
 */
final class RecordText {

    /**
     * The tree, and {@code [start0, end0, start1, end1, ...]} for the elements of its records array: present
     * whenever the tree has one (the bare array, or the last {@code "records"} field when that is an array).
     */
    record Read(JsonNode root, int[] spans) {
    }

    private RecordText() {
    }

    /** Reads {@code body}; malformed JSON throws as {@code readTree} would. */
    static Read read(ObjectMapper json, String body) throws IOException {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            Read read = readRoot(json, parser);
            if (json.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    && read.root() != null && parser.nextToken() != null) {
                throw new JsonParseException(parser, "trailing content after the body's JSON");
            }
            return read;
        }
    }

    private static Read readRoot(ObjectMapper json, JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == JsonToken.START_ARRAY) {
            ArrayNode records = json.getNodeFactory().arrayNode();
            return new Read(records, elements(json, parser, records));
        }
        if (first != JsonToken.START_OBJECT) {
            return new Read(first == null ? null : json.readTree(parser), null);
        }
        ObjectNode root = json.getNodeFactory().objectNode();
        int[] spans = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token != JsonToken.FIELD_NAME) {
                throw new JsonEOFException(parser, token, "the body ends inside an object");
            }
            String name = parser.currentName();
            if (parser.nextToken() == JsonToken.START_ARRAY && "records".equals(name)) {
                ArrayNode records = json.getNodeFactory().arrayNode();
                spans = elements(json, parser, records);
                root.set(name, records);
            } else {
                JsonNode value = json.readTree(parser);
                root.set(name, value == null ? NullNode.getInstance() : value);
                spans = "records".equals(name) ? null : spans;
            }
        }
        return new Read(root, spans);
    }

    /** Reads the elements of the array the parser stands on into {@code into}, noting where each one stands. */
    private static int[] elements(ObjectMapper json, JsonParser parser, ArrayNode into) throws IOException {
        int[] spans = new int[64];
        int n = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw new JsonEOFException(parser, null, "the body ends inside the records array");
            }
            long start = parser.currentTokenLocation().getCharOffset();
            JsonNode element = json.readTree(parser);
            long end = parser.currentLocation().getCharOffset();
            into.add(element == null ? NullNode.getInstance() : element);
            if (2 * n + 2 > spans.length) {
                spans = Arrays.copyOf(spans, 2 * spans.length);
            }
            spans[2 * n] = (int) start;
            spans[2 * n + 1] = (int) end;
            n++;
        }
        return Arrays.copyOf(spans, 2 * n);
    }
}
