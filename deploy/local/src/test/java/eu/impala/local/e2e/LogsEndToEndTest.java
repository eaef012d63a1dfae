package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.PlatformService;

/**
 * What the services log, read from their log files (JSON lines on the shared platform, as in a cluster): a sync's line
 * carries its request id and trace ids, the relay's line for the batch that published its events carries that batch's
 * trace, and after a sync and an erasure no service's log holds the names or email addresses they carried.
 */
@ExtendWith(SharedPlatform.class)
class LogsEndToEndTest {

    private static final String FR = Tenant.Side.FR.association;
    private static final String TAG = UUID.randomUUID().toString().substring(0, 8);
    private static final String REQUEST_ID = "logs-e2e-" + TAG;
    private static final String TRACE_ID = UUID.randomUUID().toString().replace("-", "");
    private static final String KEPT_EMAIL = "lola-" + TAG + "@label.example";
    private static final String ERASED_EMAIL = "lex-" + TAG + "@label.example";
    /** The personal data the sync carried, erased or not: no log may hold any of it. */
    private static final List<String> PERSONAL = List.of("Lola Logline" + TAG, KEPT_EMAIL, "Lex Logline" + TAG, ERASED_EMAIL);

    @BeforeAll
    static void syncAMemberWithTwoContactsThenEraseOneOfThem() {
        String gateway = SharedPlatform.gateway();
        KeycloakTokens tokens = new KeycloakTokens(SharedPlatform.platform().servers().keycloak().url());
        var answer = Api.send("POST", gateway + "/api/v1/associations/" + FR + "/sync",
                tokens.clientCredentials("sync-fr", "sync-fr-dev-secret"), "{\"records\":[{\"externalId\":\"LOGS-" + TAG
                        + "\",\"kind\":\"COMPANY\",\"legalName\":\"Logged Label " + TAG + "\",\"displayName\":\"Logged "
                        + TAG + "\",\"country\":\"FR\",\"contacts\":[" + contact(PERSONAL.get(0), KEPT_EMAIL, "PRIMARY")
                        + "," + contact(PERSONAL.get(2), ERASED_EMAIL, "PRESS") + "]}]}",
                Map.of("X-Request-Id", REQUEST_ID, "traceparent", "00-" + TRACE_ID + "-" + TAG + TAG + "-01"));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(Optional.of(REQUEST_ID), answer.headers().firstValue("X-Request-Id"), "the gateway kept our id");
        String member = Api.read(answer.body()).path("results").get(0).path("memberId").asText();
        // notifications applied the events and sent the welcome email to the primary contact
        assertFalse(SharedPlatform.platform().mail().await(m -> m.to().contains(KEPT_EMAIL), 1, Duration.ofSeconds(60))
                .isEmpty(), "the welcome email arrived");

        String secretariat = tokens.demoUser("secretariat");
        String erased = null;
        for (JsonNode c : Api.expect(200, "GET", gateway + "/api/v1/members/" + member + "/contacts", secretariat, null)) {
            if (ERASED_EMAIL.equals(c.path("email").asText())) {
                erased = c.path("id").asText();
            }
        }
        Api.expect(204, "POST", gateway + "/api/v1/members/" + member + "/contacts/" + erased + "/erase", secretariat, null);
        await(() -> List.of("membership", "campaigns", "notifications").stream()
                .allMatch(db -> ErasureEndToEndTest.tablesHolding(db, List.of(ERASED_EMAIL)).isEmpty()));
    }

    @Test
    void theSyncsLineInMembershipCarriesItsRequestIdAndTheTraceOfTheRequest() {
        JsonNode line = lines(PlatformService.MEMBERSHIP).stream()
                .filter(l -> REQUEST_ID.equals(l.at("/mdc/requestId").asText()) && l.path("message").asText().startsWith("sync run"))
                .findFirst().orElseThrow(() -> new AssertionError("no sync line with request id " + REQUEST_ID));
        assertEquals(TRACE_ID, line.at("/mdc/traceId").asText(), line.toString());
        assertTrue(line.at("/mdc/spanId").asText().matches("[0-9a-f]{16}"), line.toString());
        assertEquals("INFO", line.path("level").asText());
    }

    @Test
    void theRelaysLineForTheBatchThatPublishedTheSyncsEventsCarriesThatBatchsTrace() {
        List<String> batches = await(() -> SharedPlatform.traces().spans().stream()
                .filter(s -> s.service().equals("membership-service") && s.name().equals("publish outbox")
                        && s.linkedTraces().contains(TRACE_ID))
                .map(OtlpReceiver.ReceivedSpan::traceId).toList(), Predicate.not(List::isEmpty));
        assertFalse(batches.isEmpty(), "the relay's batch links the sync's trace");
        List<JsonNode> relayLines = lines(PlatformService.MEMBERSHIP).stream()
                .filter(l -> l.path("message").asText().startsWith("relay: ")).toList();
        assertTrue(relayLines.stream().anyMatch(l -> batches.contains(l.at("/mdc/traceId").asText())
                        && l.at("/mdc/requestId").isMissingNode()), "a relay line in the batch's trace " + batches
                        + ", without the request's id, among " + relayLines.size() + ", the last: "
                        + relayLines.subList(Math.max(0, relayLines.size() - 3), relayLines.size()));
    }

    @Test
    void noServiceLogsTheNamesOrEmailsOfTheSyncedAndErasedContacts() {
        for (PlatformService service : PlatformService.values()) {
            String log = text(service);
            // the search must be able to find something: the logs are there, and the sync's request id is in them
            assertFalse(log.isBlank(), service + " wrote a log");
            if (service == PlatformService.MEMBERSHIP) {
                assertTrue(log.contains(REQUEST_ID), "membership logged the sync");
            }
            String lower = log.toLowerCase(Locale.ROOT);
            List<String> found = PERSONAL.stream().filter(p -> lower.contains(p.toLowerCase(Locale.ROOT))).toList();
            assertEquals(List.of(), found, service + " logged personal data");
        }
    }

    private static String text(PlatformService service) {
        try {
            return Files.readString(SharedPlatform.platform().log(service), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's JSON log lines (the launcher's own line before each start is not one). */
    private static List<JsonNode> lines(PlatformService service) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text(service).split("\n")) {
            if (line.startsWith("{")) {
                lines.add(Api.read(line));
            }
        }
        return lines;
    }

    private static String contact(String name, String email, String role) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"role\":\"" + role + "\",\"language\":\"fr\","
                + "\"consents\":{\"campaigns\":true}}";
    }

    private static void await(Supplier<Boolean> condition) {
        await(condition, Boolean::booleanValue);
    }

    /** {@code value}'s first result that is {@code done}, or its last within 60 s: the assertions then say what is missing. */
    private static <T> T await(Supplier<T> value, Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T last = value.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            last = value.get();
        }
        return last;
    }
}
