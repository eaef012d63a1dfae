package eu.impala.membership.sync;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * A sync body's records read in one streaming pass: each record's tree and where it stands in the body's text,
 * counted as they come. The records are the elements of a bare array, or of the last {@code "records"} field of an
 * object body; the values of other fields are skipped, never built.
 */
final class RecordText {

    /** A record's tree and its text, {@code body[start, end)}. */
    record Record(JsonNode node, int start, int end) {
    }

    /** The body's records (null when it has no records array), and the names of its other fields. */
    record Read(List<Record> records, List<String> otherFields) {
    }

    private RecordText() {
    }

    /**
     * Reads {@code body}: malformed JSON throws as {@code readTree} would, and the record after the {@code max}th
     * throws {@link SyncBatch#tooManyRecords()} as soon as it starts. A body that is no object or array is read no
     * further than its first token.
     */
    static Read read(ObjectMapper json, String body, int max) throws IOException {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            JsonToken first = parser.nextToken();
            Read read;
            if (first == JsonToken.START_ARRAY) {
                read = new Read(elements(json, parser, max), List.of());
            } else if (first == JsonToken.START_OBJECT) {
                read = fields(json, parser, max);
            } else {
                return new Read(null, List.of());
            }
            if (json.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) && parser.nextToken() != null) {
                throw new JsonParseException(parser, "trailing content after the body's JSON");
            }
            return read;
        }
    }

    private static Read fields(ObjectMapper json, JsonParser parser, int max) throws IOException {
        List<Record> records = null;
        List<String> others = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token != JsonToken.FIELD_NAME) {
                throw new JsonEOFException(parser, token, "the body ends inside an object");
            }
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!"records".equals(name)) {
                others.add(name);
                parser.skipChildren();
            } else if (value == JsonToken.START_ARRAY) {
                // the last records field counts, as in readTree
                records = elements(json, parser, max);
            } else {
                records = null;
                parser.skipChildren();
            }
        }
        return new Read(records, others);
    }

    private static List<Record> elements(ObjectMapper json, JsonParser parser, int max) throws IOException {
        List<Record> records = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw new JsonEOFException(parser, null, "the body ends inside the records array");
            }
            if (records.size() == max) {
                throw SyncBatch.tooManyRecords();
            }
            int start = (int) parser.currentTokenLocation().getCharOffset();
            JsonNode element = json.readTree(parser);
            int end = (int) parser.currentLocation().getCharOffset();
            records.add(new Record(element == null ? NullNode.getInstance() : element, start, end));
        }
        return records;
    }
}
