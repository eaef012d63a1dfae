package eu.impala.local.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The services' AsyncAPI documents are AsyncAPI 3.0.0 — valid against the specification's JSON Schema and read whole
 * by the AsyncAPI Initiative's Java model — name only catalogue topics, and their payloads are the very schema files
 * each service's {@code EventContractTest} checks events against. Each check also runs on a broken copy, so it can fail.
 */
class AsyncApiDocumentsTest {

    private static final List<String> SERVICES = List.of("membership-service", "campaigns-service", "notifications-service");

    @Test
    void everyDocumentIsValidAgainstTheAsyncApi300Schema() {
        SERVICES.forEach(service -> assertEquals(List.of(), AsyncApiDocument.of(service).specificationViolations(), service));
    }

    @Test
    void everyDocumentReadsWhollyIntoTheAsyncApi300Model() {
        SERVICES.forEach(service -> assertEquals(List.of(), AsyncApiDocument.of(service).parserProblems(), service));
    }

    @Test
    void everyOperationIsOnADeclaredChannelAndListsOnlyThatChannelsMessages() {
        SERVICES.forEach(service -> assertEquals(List.of(), AsyncApiDocument.of(service).operationProblems(), service));
    }

    @Test
    void everyMessagePayloadIsTheEventSchemaItsGoldenSampleFits() {
        SERVICES.forEach(service -> assertEquals(List.of(), AsyncApiDocument.of(service).payloadProblems(), service));
    }

    @Test
    void everyChannelAddressIsATopicOfTheCatalogue() {
        SERVICES.forEach(service -> assertEquals(List.of(), AsyncApiDocument.of(service).topicProblems(), service));
    }

    @Test
    void anOperationOnAnUndeclaredChannelIsReported() {
        AsyncApiDocument broken = broken("membership-service", "channel: {$ref: '#/channels/contacts'}", "channel: {$ref: '#/channels/contact'}");
        assertEquals(List.of("membership-service: operation publishContacts: channel #/channels/contact is not declared"),
                broken.operationProblems());
    }

    @Test
    void aMisspeltRequiredFieldFailsTheSpecificationSchemaAndTheParser() {
        AsyncApiDocument broken = broken("notifications-service", "    action: send", "    acton: send");
        assertTrue(broken.specificationViolations().stream().anyMatch(v -> v.contains("required property 'action' not found")),
                () -> String.valueOf(broken.specificationViolations()));
        assertTrue(broken.parserProblems().contains("notifications-service: #/operations/publishDeliveries: dropped by the parser"),
                () -> String.valueOf(broken.parserProblems()));
    }

    @Test
    void aCommaThatSplitsAFlowMappingIsRejectedByTheParser() {
        // unquoted, the comma ends the description and the rest becomes a schema keyword, which the JSON Schema lets pass
        AsyncApiDocument broken = broken("membership-service", "description: 'the member id, also the record key'",
                "description: the member id, also the record key");
        assertTrue(broken.parserProblems().stream().anyMatch(p -> p.contains("\"also the record key\" is not valid extension property")),
                () -> String.valueOf(broken.parserProblems()));
    }

    @Test
    void aMessageWithoutPayloadIsReported() {
        AsyncApiDocument broken = broken("campaigns-service", "      payload: {$ref: 'schemas/campaign-closed.v1.json'}\n", "");
        assertEquals(List.of("campaigns-service: channel campaigns message campaignClosed: no payload"), broken.payloadProblems());
    }

    @Test
    void aPayloadThatIsAnotherEventsSchemaIsReported() {
        AsyncApiDocument broken = broken("campaigns-service", "schemas/campaign-closed.v1.json", "schemas/campaign-published.v1.json");
        assertEquals(List.of("campaigns-service: channel campaigns message campaignClosed: payload is not "
                + "{$ref: 'schemas/campaign-closed.v1.json'}, the schema its events are checked against"), broken.payloadProblems());
    }

    @Test
    void aChannelOnATopicOutsideTheCatalogueIsReported() {
        AsyncApiDocument broken = broken("notifications-service", "address: notifications.deliveries.v1", "address: notifications.delivery.v1");
        assertEquals(List.of("notifications-service: channel deliveries: notifications.delivery.v1 is not a topic of the catalogue"),
                broken.topicProblems());
    }

    /** The service's document with {@code from} replaced, which must be there: a copy that is not broken proves nothing. */
    private static AsyncApiDocument broken(String service, String from, String to) {
        AsyncApiDocument document = AsyncApiDocument.of(service);
        assertTrue(document.text().contains(from), service + " no longer contains " + from);
        return document.replacing(from, to);
    }
}
