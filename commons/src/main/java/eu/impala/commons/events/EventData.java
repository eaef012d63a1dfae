package eu.impala.commons.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads an event's JSON data into a consumer's own tolerant reader type; unreadable data is poison. */
public final class EventData {

    private EventData() {
    }

    public static <T> T read(ObjectMapper json, CloudEvent event, Class<T> type) {
        try {
            // tolerant whatever the service's mapper says about request bodies: producers add fields to events
            T data = json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(event.data());
            if (data == null) {
                throw new MalformedEventException("event " + event.id() + " has null data");
            }
            return data;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("event " + event.id() + " (" + event.type() + ") data is not a "
                    + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
