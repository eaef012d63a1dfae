package eu.impala.commons.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import eu.impala.commons.events.CloudEvent;

/** One record of a batch once read: the Kafka record it came in, its CloudEvent and its data in the consumer's reader type. */
public record Received<T>(ConsumerRecord<String, String> record, CloudEvent event, T data) {

    /** The event's CloudEvents type. */
    public String type() {
        return event.type();
    }
}
