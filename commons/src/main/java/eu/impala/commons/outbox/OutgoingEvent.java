package eu.impala.commons.outbox;

import java.util.Objects;

/**
 * A domain event a service wants published: its topic, CloudEvents type, the aggregate it is about (record key
 * and {@code ce_subject}) and its data, serialised to JSON as it is written to the outbox.
 */
public record OutgoingEvent(String topic, String type, String aggregateId, Object data) {

    public OutgoingEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(data, "data");
    }
}
