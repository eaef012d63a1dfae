package eu.impala.campaigns;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import eu.impala.campaigns.campaign.CampaignEvents;
import eu.impala.campaigns.signature.SignatureEvents;

import eu.impala.local.EventSchemas;

/** The wire format is a promise: every event type has a schema, an AsyncAPI entry and a golden sample that fits. */
class EventContractTest {

    private static final List<String> TYPES = List.of(CampaignEvents.PUBLISHED, CampaignEvents.CLOSED,
            CampaignEvents.GOAL_REACHED, SignatureEvents.ADDED, SignatureEvents.WITHDRAWN);

    @Test
    void everyGoldenSampleValidatesAgainstItsSchema() throws Exception {
        for (String type : TYPES) {
            String name = EventSchemas.nameOf(type);
            assertTrue(EventSchemas.validate(name, EventSchemas.resource("/events/" + name + ".json")).isEmpty(), name);
        }
    }

    @Test
    void everyEventTypeIsDocumentedInTheAsyncApi() throws Exception {
        String asyncapi = new String(EventContractTest.class.getClassLoader().getResources("asyncapi.yaml")
                .nextElement().openStream().readAllBytes(), StandardCharsets.UTF_8);
        for (String type : TYPES) {
            assertTrue(asyncapi.contains("name: " + type), type + " in asyncapi.yaml");
            assertTrue(asyncapi.contains("schemas/" + EventSchemas.nameOf(type) + ".json"), type + " schema referenced");
        }
    }

    @Test
    void aSampleMissingARequiredFieldIsRejected() throws Exception {
        assertFalse(EventSchemas.validate("signature-added.v1", "{\"signatureId\":\"7a9e1b2c-3d4e-4f50-8a61-7b8c9d0e1f23\"}")
                .isEmpty());
    }
}
