package eu.impala.membership.sync;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Where each record of a sync body's records array stands in the body's text, found by one streaming pass. */
final class RecordText {

    private RecordText() {
    }

    /**
     * {@code [start0, end0, start1, end1, ...]}: the character range of each element of the records array (the last
     * {@code "records"} field of an object body, as the tree keeps the last one, or a bare array), or null when the
     * count differs from {@code expected} or the text cannot be followed: the caller then digests the tree.
     */
    static int[] spans(ObjectMapper json, String body, boolean objectBody, int expected) {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            int[] spans = null;
            JsonToken first = parser.nextToken();
            if (!objectBody && first == JsonToken.START_ARRAY) {
                spans = elements(parser, expected);
            } else if (objectBody && first == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean records = "records".equals(parser.currentName());
                    JsonToken value = parser.nextToken();
                    if (records && value == JsonToken.START_ARRAY) {
                        spans = elements(parser, expected);
                    } else {
                        parser.skipChildren();
                    }
                }
            }
            return spans;
        } catch (IOException | RuntimeException e) {
            return null; // the tree was read already; its own errors were reported there
        }
    }

    /** The elements of the array the parser stands on, up to its end. */
    private static int[] elements(JsonParser parser, int expected) throws IOException {
        int[] spans = new int[2 * expected];
        int n = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null || n == expected) {
                return null;
            }
            long start = parser.currentTokenLocation().getCharOffset();
            parser.skipChildren();
            long end = parser.currentLocation().getCharOffset();
            if (start < 0 || end <= start) {
                return null;
            }
            spans[2 * n] = (int) start;
            spans[2 * n + 1] = (int) end;
            n++;
        }
        return n == expected ? spans : null;
    }
}
