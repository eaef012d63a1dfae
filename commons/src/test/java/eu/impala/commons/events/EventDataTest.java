package eu.impala.commons.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Event readers are tolerant even where the service's mapper is strict about request bodies. */
class EventDataTest {

    /** A consumer's reader type without any Jackson annotation. */
    record Reader(String memberId, String status) {
    }

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static CloudEvent event(String data) {
        return new CloudEvent(UUID.randomUUID(), "/test", "eu.impala.test.v1", OffsetDateTime.now(), "s", data);
    }

    @Test
    void fieldsAProducerAddedAreIgnoredByAStrictServicesReader() {
        Reader read = EventData.read(STRICT, event("{\"memberId\":\"m\",\"status\":\"ACTIVE\",\"addedLater\":{\"x\":1}}"),
                Reader.class);
        assertEquals(new Reader("m", "ACTIVE"), read);
    }

    @Test
    void dataThatIsNotJsonIsStillPoison() {
        assertThrows(MalformedEventException.class, () -> EventData.read(STRICT, event("{not json"), Reader.class));
    }
}
