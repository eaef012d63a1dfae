package eu.impala.membership.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

class RecordTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachRecordIsFoundAsWrittenWhateverItsStringsAndNestingHold() throws Exception {
        String first = "{\"externalId\":\"A\",\"legalName\":\"Brackets ] } [ { and \\\"quotes\\\"\",\"contacts\":[{\"n\":[1,2]}]}";
        String second = "{ \"externalId\" : \"B\" }";
        String body = "{\n  \"records\" : [ " + first + " ,\n\t" + second + " ]\n}";
        RecordText.Read read = RecordText.read(JSON, body);
        assertEquals(first, body.substring(read.spans()[0], read.spans()[1]));
        assertEquals(second, body.substring(read.spans()[2], read.spans()[3]));
        assertEquals(JSON.readTree(body), read.root(), "the same tree as readTree");
    }

    @Test
    void aBareArrayOfRecordsIsFoundToo() throws Exception {
        String body = "[{\"externalId\":\"A\"},null,{\"externalId\":\"B\"}]";
        RecordText.Read read = RecordText.read(JSON, body);
        assertEquals("null", body.substring(read.spans()[2], read.spans()[3]));
        assertEquals("{\"externalId\":\"B\"}", body.substring(read.spans()[4], read.spans()[5]));
        assertEquals(JSON.readTree(body), read.root());
    }

    @Test
    void theLastRecordsFieldCountsAsInReadTree() throws Exception {
        String body = "{\"records\":[{\"externalId\":\"OLD\"}],\"dryRun\":true,\"records\":[{\"externalId\":\"NEW\"}]}";
        RecordText.Read read = RecordText.read(JSON, body);
        assertEquals("{\"externalId\":\"NEW\"}", body.substring(read.spans()[0], read.spans()[1]));
        assertEquals(JSON.readTree(body), read.root());
        assertNull(RecordText.read(JSON, "{\"records\":[{}],\"records\":{}}").spans(), "the last records is no array");
    }

    @Test
    void otherBodiesReadAsReadTreeReadsThem() throws Exception {
        for (String body : List.of("42", "\"x\"", "{}", "{\"records\":{\"a\":[1]}}", "[]")) {
            assertEquals(JSON.readTree(body), RecordText.read(JSON, body).root(), body);
        }
        assertNull(RecordText.read(JSON, "").root(), "an empty body has no tree");
    }

    @Test
    void malformedBodiesFailAsJson() {
        for (String body : List.of("{\"records\":[{}", "{\"records\":[{},]}", "[{\"a\":1}", "{\"records\" [] }", "{\"a\":1")) {
            assertThrows(JsonProcessingException.class, () -> RecordText.read(JSON, body), body);
        }
    }

    @Test
    void aCompactRecordDigestsAsItsTreeWrittenOutSoDigestsStoredBeforeStillMatch() throws Exception {
        String record = "{\"externalId\":\"A\",\"kind\":\"COMPANY\",\"contacts\":[{\"name\":\"Zoë\",\"email\":\"z@x.example\"}]}";
        String body = "{\"records\":[" + record + "]}";
        int[] spans = RecordText.read(JSON, body).spans();
        assertArrayEquals(SyncFingerprint.of(JSON, JSON.readTree(record)), SyncFingerprint.ofText(body, spans[0], spans[1]));
    }

    @Test
    void aRecordSpeltDifferentlyHasAnotherDigestAndIsComparedRatherThanTakenAsUnchanged() {
        String compact = "{\"externalId\":\"A\",\"kind\":\"COMPANY\"}";
        String spaced = "{ \"externalId\": \"A\", \"kind\": \"COMPANY\" }";
        assertFalse(Arrays.equals(SyncFingerprint.ofText(compact, 0, compact.length()),
                SyncFingerprint.ofText(spaced, 0, spaced.length())));
    }
}
