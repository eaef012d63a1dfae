package eu.impala.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import eu.impala.local.EventSchemas;
import eu.impala.membership.contact.ContactEvents;
import eu.impala.membership.member.MemberEvents;

/** The wire format is a promise: every event type has a schema, an AsyncAPI entry and a golden sample that fits. */
class EventContractTest {

    private static final List<String> TYPES = List.of(MemberEvents.REGISTERED, MemberEvents.UPDATED,
            MemberEvents.STATUS_CHANGED, MemberEvents.ERASED, ContactEvents.ADDED, ContactEvents.UPDATED,
            ContactEvents.REMOVED, ContactEvents.ERASED);

    @Test
    void everyGoldenSampleValidatesAgainstItsSchema() throws Exception {
        for (String type : TYPES) {
            String name = schemaName(type);
            assertTrue(EventSchemas.validate(name, resource("/events/" + name + ".json")).isEmpty(), name);
        }
    }

    @Test
    void everyEventTypeIsDocumentedInTheAsyncApi() throws Exception {
        String asyncapi = resource("/asyncapi.yaml");
        for (String type : TYPES) {
            assertTrue(asyncapi.contains("name: " + type), type + " in asyncapi.yaml");
            assertTrue(asyncapi.contains("schemas/" + schemaName(type) + ".json"), type + " schema referenced");
        }
    }

    @Test
    void aSampleMissingARequiredFieldIsRejected() throws Exception {
        assertEquals(1, EventSchemas.validate("contact-added.v1", "{\"memberId\":\"11111111-2222-4333-8444-555555555555\","
                + "\"contactId\":\"66666666-7777-4888-8999-aaaaaaaaaaaa\",\"name\":\"A\",\"language\":\"fr\","
                + "\"role\":\"PRIMARY\",\"consents\":{}}").size(), "email is required");
    }

    /** eu.impala.membership.member.status-changed.v1 → member-status-changed.v1 */
    private static String schemaName(String type) {
        String[] parts = type.split("\\.");
        return parts[parts.length - 3] + "-" + parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static String resource(String path) throws Exception {
        try (InputStream in = EventContractTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("missing " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
