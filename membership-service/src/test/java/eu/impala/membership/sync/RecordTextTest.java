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

import eu.impala.commons.problem.ProblemException;

class RecordTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX = 10;

    private static String text(String body, RecordText.Record record) {
        return body.substring(record.start(), record.end());
    }

    @Test
    void eachRecordIsFoundAsWrittenWhateverItsStringsAndNestingHold() throws Exception {
        String first = "{\"externalId\":\"A\",\"legalName\":\"Brackets ] } [ { and \\\"quotes\\\"\",\"contacts\":[{\"n\":[1,2]}]}";
        String second = "{ \"externalId\" : \"B\" }";
        String body = "{\n  \"records\" : [ " + first + " ,\n\t" + second + " ]\n}";
        List<RecordText.Record> records = RecordText.read(JSON, body, MAX).records();
        assertEquals(List.of(first, second), records.stream().map(r -> text(body, r)).toList());
        assertEquals(JSON.readTree(first), records.get(0).node(), "the same tree as readTree");
        assertEquals(JSON.readTree(second), records.get(1).node());
    }

    @Test
    void aBareArrayOfRecordsIsFoundToo() throws Exception {
        String body = "[{\"externalId\":\"A\"},null,{\"externalId\":\"B\"}]";
        List<RecordText.Record> records = RecordText.read(JSON, body, MAX).records();
        assertEquals(List.of("{\"externalId\":\"A\"}", "null", "{\"externalId\":\"B\"}"),
                records.stream().map(r -> text(body, r)).toList());
        assertEquals(JSON.readTree("null"), records.get(1).node());
    }

    @Test
    void theLastRecordsFieldCountsAsInReadTreeAndOtherFieldsAreNamed() throws Exception {
        String body = "{\"records\":[{\"externalId\":\"OLD\"}],\"dryRun\":true,\"records\":[{\"externalId\":\"NEW\"}]}";
        RecordText.Read read = RecordText.read(JSON, body, MAX);
        assertEquals(List.of("{\"externalId\":\"NEW\"}"), read.records().stream().map(r -> text(body, r)).toList());
        assertEquals(List.of("dryRun"), read.otherFields());
        assertNull(RecordText.read(JSON, "{\"records\":[{}],\"records\":{}}", MAX).records(), "the last records is no array");
    }

    @Test
    void bodiesWithoutARecordsArrayHaveNoRecords() throws Exception {
        for (String body : List.of("42", "\"x\"", "{}", "{\"records\":{\"a\":[1]}}", "{\"members\":[{}]}")) {
            assertNull(RecordText.read(JSON, body, MAX).records(), body);
        }
        assertEquals(List.of(), RecordText.read(JSON, "[]", MAX).records());
    }

    @Test
    void aBodyThatIsNoObjectOrArrayIsReadNoFurtherThanItsFirstValue() throws Exception {
        // a number followed by anything: what follows is never looked at, however malformed
        assertNull(RecordText.read(JSON, "42 {{{ [[[", MAX).records());
    }

    @Test
    void malformedBodiesFailAsJson() {
        for (String body : List.of("{\"records\":[{}", "{\"records\":[{},]}", "[{\"a\":1}", "{\"records\" [] }", "{\"a\":1",
                "{\"note\":{\"a\":[1,}, \"records\":[]}", "not json at all")) {
            assertThrows(JsonProcessingException.class, () -> RecordText.read(JSON, body, MAX), body);
        }
    }

    @Test
    void theRecordPastTheLimitStopsTheReadingBeforeTheRestOfTheBodyIsLookedAt() {
        String body = "{\"records\":[{},{},{}, this is never read";
        ProblemException tooMany = assertThrows(ProblemException.class, () -> RecordText.read(JSON, body, 2));
        assertEquals(413, tooMany.status());
    }

    @Test
    void aCompactRecordDigestsAsItsTreeWrittenOutSoDigestsStoredBeforeStillMatch() throws Exception {
        String record = "{\"externalId\":\"A\",\"kind\":\"COMPANY\",\"contacts\":[{\"name\":\"Zoë\",\"email\":\"z@x.example\"}]}";
        String body = "{\"records\":[" + record + "]}";
        RecordText.Record read = RecordText.read(JSON, body, MAX).records().get(0);
        assertArrayEquals(SyncFingerprint.of(JSON, JSON.readTree(record)), SyncFingerprint.ofText(body, read.start(), read.end()));
    }

    @Test
    void aRecordSpeltDifferentlyHasAnotherDigestAndIsComparedRatherThanTakenAsUnchanged() {
        String compact = "{\"externalId\":\"A\",\"kind\":\"COMPANY\"}";
        String spaced = "{ \"externalId\": \"A\", \"kind\": \"COMPANY\" }";
        assertFalse(Arrays.equals(SyncFingerprint.ofText(compact, 0, compact.length()),
                SyncFingerprint.ofText(spaced, 0, spaced.length())));
    }
}
