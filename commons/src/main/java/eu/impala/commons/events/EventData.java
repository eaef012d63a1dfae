package eu.impala.commons.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads an event's JSON data into a consumer's own tolerant reader type; unreadable data is poison. */
public final class EventData {

    private EventData() {
    }

    public static <T> T read(ObjectMapper json, CloudEvent event, Class<T> type) {
        try {
            T data = json.readValue(event.data(), type);
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
