package eu.impala.membership.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class RecordTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachRecordIsFoundAsWrittenWhateverItsStringsAndNestingHold() throws Exception {
        String first = "{\"externalId\":\"A\",\"legalName\":\"Brackets ] } [ { and \\\"quotes\\\"\",\"contacts\":[{\"n\":[1,2]}]}";
        String second = "{ \"externalId\" : \"B\" }";
        String body = "{\n  \"records\" : [ " + first + " ,\n\t" + second + " ]\n}";
        int[] spans = RecordText.spans(JSON, body, true, 2);
        assertEquals(first, body.substring(spans[0], spans[1]));
        assertEquals(second, body.substring(spans[2], spans[3]));
    }

    @Test
    void aBareArrayOfRecordsIsFoundToo() {
        String body = "[{\"externalId\":\"A\"},{\"externalId\":\"B\"}]";
        int[] spans = RecordText.spans(JSON, body, false, 2);
        assertEquals("{\"externalId\":\"B\"}", body.substring(spans[2], spans[3]));
    }

    @Test
    void theLastRecordsFieldCountsAsInTheTree() throws Exception {
        String body = "{\"records\":[{\"externalId\":\"OLD\"}],\"records\":[{\"externalId\":\"NEW\"}]}";
        JsonNode tree = JSON.readTree(body);
        int[] spans = RecordText.spans(JSON, body, true, tree.get("records").size());
        assertEquals("{\"externalId\":\"NEW\"}", body.substring(spans[0], spans[1]));
    }

    @Test
    void aCountThatDiffersFromTheTreeGivesNoSpans() {
        assertNull(RecordText.spans(JSON, "{\"records\":[{},{}]}", true, 3));
        assertNull(RecordText.spans(JSON, "{\"records\":[{},{}]}", true, 1));
        assertNull(RecordText.spans(JSON, "{\"records\":{}}", true, 0));
    }

    @Test
    void aCompactRecordDigestsAsItsTreeWrittenOutSoDigestsStoredBeforeStillMatch() throws Exception {
        String record = "{\"externalId\":\"A\",\"kind\":\"COMPANY\",\"contacts\":[{\"name\":\"Zoë\",\"email\":\"z@x.example\"}]}";
        String body = "{\"records\":[" + record + "]}";
        int[] spans = RecordText.spans(JSON, body, true, 1);
        assertArrayEquals(SyncFingerprint.of(JSON, JSON.readTree(record)), SyncFingerprint.ofText(body, spans[0], spans[1]));
    }

    @Test
    void aRecordSpeltDifferentlyHasAnotherDigestAndIsComparedRatherThanTakenAsUnchanged() throws Exception {
        String compact = "{\"externalId\":\"A\",\"kind\":\"COMPANY\"}";
        String spaced = "{ \"externalId\": \"A\", \"kind\": \"COMPANY\" }";
        assertFalse(Arrays.equals(SyncFingerprint.ofText(compact, 0, compact.length()),
                SyncFingerprint.ofText(spaced, 0, spaced.length())));
    }
}
