package eu.impala.commons.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A CloudEvents 1.0 event as it travels in Kafka binary mode: attributes in {@code ce_*} headers, the JSON data
 * as the record value, the aggregate id as the record key. {@code traceparent} (may be null) is the distributed-tracing
 * extension: the context of the change that wrote the event, sent as {@code ce_traceparent} and, since the relay is the
 * event's one hop, as the W3C {@code traceparent} header too, which is the same context.
 */
public record CloudEvent(UUID id, String source, String type, OffsetDateTime time, String subject, String data,
                         String traceparent) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    public static final String TRACEPARENT = "traceparent";
    public static final String CE_TRACEPARENT = "ce_traceparent";

    /** An event without a trace context. */
    public CloudEvent(UUID id, String source, String type, OffsetDateTime time, String subject, String data) {
        this(id, source, type, time, subject, data, null);
    }

    /** The Kafka headers of binary mode. */
    public Headers headers() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes(SPEC_VERSION));
        headers.add("ce_id", bytes(id.toString()));
        headers.add("ce_source", bytes(source));
        headers.add("ce_type", bytes(type));
        headers.add("ce_time", bytes(time.toString()));
        headers.add("ce_subject", bytes(subject));
        headers.add("content-type", bytes(CONTENT_TYPE));
        if (traceparent != null) {
            byte[] context = bytes(traceparent);
            headers.add(CE_TRACEPARENT, context);
            headers.add(TRACEPARENT, context);
        }
        return headers;
    }

    /**
     * Reads an event from a record's headers and value.
     *
     * @throws MalformedEventException when a required attribute is missing or invalid; such a record is poison
     */
    public static CloudEvent fromKafka(Headers headers, String value) {
        String specVersion = header(headers, "ce_specversion");
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new MalformedEventException("ce_specversion must be 1.0 but was " + specVersion);
        }
        UUID id;
        try {
            id = UUID.fromString(required(headers, "ce_id"));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("ce_id is not a UUID: " + header(headers, "ce_id"));
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(required(headers, "ce_time"));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("ce_time is not an RFC 3339 time: " + header(headers, "ce_time"));
        }
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("event " + id + " has no data");
        }
        String traceparent = header(headers, CE_TRACEPARENT);
        return new CloudEvent(id, required(headers, "ce_source"), required(headers, "ce_type"), time,
                header(headers, "ce_subject"), value, traceparent != null ? traceparent : header(headers, TRACEPARENT));
    }

    private static String required(Headers headers, String name) {
        String value = header(headers, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("missing CloudEvents header " + name);
        }
        return value;
    }

    private static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
