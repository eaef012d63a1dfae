package eu.impala.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import eu.impala.local.EventSchemas;
import eu.impala.membership.contact.ContactEvents;
import eu.impala.membership.member.MemberEvents;

/** The wire format is a promise: every event type has a schema, an AsyncAPI entry and a golden sample that fits. */
class EventContractTest {

    private static final List<String> TYPES = List.of(MemberEvents.REGISTERED, MemberEvents.UPDATED,
            MemberEvents.STATUS_CHANGED, MemberEvents.ERASED, MemberEvents.RENEWAL_DUE, MemberEvents.MERGED,
            ContactEvents.ADDED, ContactEvents.UPDATED,
            ContactEvents.REMOVED, ContactEvents.ERASED);

    @Test
    void everyGoldenSampleValidatesAgainstItsSchema() throws Exception {
        for (String type : TYPES) {
            String name = EventSchemas.nameOf(type);
            assertTrue(EventSchemas.validate(name, EventSchemas.resource("/events/" + name + ".json")).isEmpty(), name);
        }
    }

    @Test
    void everyEventTypeIsDocumentedInTheAsyncApi() throws Exception {
        String asyncapi = EventSchemas.resource("/asyncapi.yaml");
        for (String type : TYPES) {
            assertTrue(asyncapi.contains("name: " + type), type + " in asyncapi.yaml");
            assertTrue(asyncapi.contains("schemas/" + EventSchemas.nameOf(type) + ".json"), type + " schema referenced");
        }
    }

    @Test
    void aSampleMissingARequiredFieldIsRejected() throws Exception {
        assertEquals(1, EventSchemas.validate("contact-added.v1", "{\"memberId\":\"11111111-2222-4333-8444-555555555555\","
                + "\"contactId\":\"66666666-7777-4888-8999-aaaaaaaaaaaa\",\"name\":\"A\",\"language\":\"fr\","
                + "\"role\":\"PRIMARY\",\"consents\":{}}").size(), "email is required");
    }
}
