package eu.impala.notifications;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import eu.impala.local.EventSchemas;
import eu.impala.notifications.notification.DeliveryEvents;

/** The wire format is a promise: every event it publishes has a schema, an AsyncAPI entry and a golden sample. */
class EventContractTest {

    private static final List<String> TYPES = List.of(DeliveryEvents.SENT, DeliveryEvents.FAILED, DeliveryEvents.DEAD,
            eu.impala.notifications.announcement.AnnouncementEvents.SENT);

    @Test
    void everyGoldenSampleValidatesAgainstItsSchemaAndIsDocumented() throws Exception {
        String asyncapi = EventSchemas.resource("/asyncapi.yaml");
        for (String type : TYPES) {
            String name = EventSchemas.nameOf(type);
            assertTrue(EventSchemas.validate(name, EventSchemas.resource("/events/" + name + ".json")).isEmpty(), name);
            assertTrue(asyncapi.contains("name: " + type), type);
        }
    }

    @Test
    void ourFixturesOfConsumedEventsFitTheirProducersSchemas() throws Exception {
        String published = TestEvents.campaignPublishedData(java.util.UUID.randomUUID(), "fair-deals", "Fair deals", "[\"COMPANY\"]");
        assertTrue(EventSchemas.validate("campaign-published.v1", published).isEmpty(), published);
        String contact = TestEvents.contactAddedData(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), "Anne", "anne@x.example", "fr", "PRIMARY", true);
        assertTrue(EventSchemas.validate("contact-added.v1", contact).isEmpty(), contact);
        String due = TestEvents.renewalDueData(java.util.UUID.randomUUID(), TestEvents.FR, java.time.LocalDate.of(2027, 1, 31), 30);
        assertTrue(EventSchemas.validate("member-renewal-due.v1", due).isEmpty(), due);
    }
}
