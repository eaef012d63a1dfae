package eu.impala.notifications;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import eu.impala.local.EventSchemas;
import eu.impala.notifications.notification.DeliveryEvents;

/** The wire format is a promise: every delivery event has a schema, an AsyncAPI entry and a golden sample. */
class EventContractTest {

    private static final List<String> TYPES = List.of(DeliveryEvents.SENT, DeliveryEvents.FAILED, DeliveryEvents.DEAD);

    @Test
    void everyGoldenSampleValidatesAgainstItsSchemaAndIsDocumented() throws Exception {
        String asyncapi = resource("/asyncapi.yaml");
        for (String type : TYPES) {
            String[] parts = type.split("\\.");
            String name = parts[parts.length - 3] + "-" + parts[parts.length - 2] + "." + parts[parts.length - 1];
            assertTrue(EventSchemas.validate(name, resource("/events/" + name + ".json")).isEmpty(), name);
            assertTrue(asyncapi.contains("name: " + type), type);
        }
    }

    @Test
    void ourFixturesOfConsumedEventsFitTheirProducersSchemas() throws Exception {
        String published = TestEvents.campaignPublishedData(java.util.UUID.randomUUID(), "fair-deals", "Fair deals", "[\"COMPANY\"]");
        assertTrue(EventSchemas.validate("campaign-published.v1", published).isEmpty(), published);
        String contact = TestEvents.contactAddedData(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), "Anne", "anne@x.example", "fr", "PRIMARY", true);
        assertTrue(EventSchemas.validate("contact-added.v1", contact).isEmpty(), contact);
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
