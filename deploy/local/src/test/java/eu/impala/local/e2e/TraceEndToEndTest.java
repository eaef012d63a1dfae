package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.impala.local.KeycloakTokens;

/**
 * One trace across the platform: a sync through the gateway, the membership service's request, the events it wrote
 * (their outbox rows carry the request's trace context, the relay sends it with them), campaigns' and notifications'
 * consumers and the welcome email notifications sends — every service exports spans of that one trace to an OTLP
 * receiver in this JVM.
 */
@ExtendWith(SharedPlatform.class)
class TraceEndToEndTest {

    private static final String FR = Tenant.Side.FR.association;
    private static final Set<String> SERVICES = Set.of("gateway", "membership-service", "campaigns-service",
            "notifications-service");

    @Test
    void oneSyncThroughTheGatewayIsOneTraceInEveryService() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String token = new KeycloakTokens(SharedPlatform.platform().servers().keycloak().url())
                .clientCredentials("sync-fr", "sync-fr-dev-secret");
        var answer = Api.send("POST", SharedPlatform.gateway() + "/api/v1/associations/" + FR + "/sync", token,
                "{\"records\":[{\"externalId\":\"TRACE-" + tag + "\",\"kind\":\"COMPANY\",\"legalName\":\"Traced Label " + tag
                        + "\",\"displayName\":\"Traced " + tag + "\",\"country\":\"FR\",\"contacts\":[{\"name\":\"Tess Trace\","
                        + "\"email\":\"tess-" + tag + "@label.example\",\"role\":\"PRIMARY\",\"language\":\"fr\","
                        + "\"consents\":{\"campaigns\":true}}]}]}",
                Map.of("traceparent", "00-" + traceId + "-" + tag + tag + "-01"));
        assertEquals(200, answer.statusCode(), answer.body());

        List<OtlpReceiver.ReceivedSpan> trace = awaitTrace(traceId, Duration.ofSeconds(60));
        Set<String> services = trace.stream().map(OtlpReceiver.ReceivedSpan::service).collect(Collectors.toSet());
        assertEquals(SERVICES, services, "one trace id in every service's spans: " + describe(trace) + " of "
                + SharedPlatform.traces().spans().size() + " received");
        assertTrue(trace.stream().anyMatch(s -> s.service().equals("notifications-service") && s.name().equals("send email")),
                "the welcome email was sent in the sync's trace: " + describe(trace));
        assertTrue(trace.stream().anyMatch(s -> s.service().equals("campaigns-service") && s.name().startsWith("process ")),
                "campaigns applied the events in the sync's trace: " + describe(trace));
        assertTrue(SharedPlatform.traces().spans().stream().anyMatch(s -> s.service().equals("membership-service")
                        && s.name().equals("publish outbox") && s.linkedTraces().contains(traceId)),
                "the relay's batch links the sync's trace");
    }

    /** The spans of {@code traceId} once every service and the email are in, or whatever came within {@code wait}. */
    private static List<OtlpReceiver.ReceivedSpan> awaitTrace(String traceId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<OtlpReceiver.ReceivedSpan> trace = SharedPlatform.traces().spans().stream()
                    .filter(s -> s.traceId().equals(traceId)).toList();
            boolean whole = trace.stream().map(OtlpReceiver.ReceivedSpan::service).collect(Collectors.toSet())
                    .containsAll(SERVICES) && trace.stream().anyMatch(s -> s.name().equals("send email"));
            if (whole || System.nanoTime() > deadline) {
                return trace;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return trace;
            }
        }
    }

    private static String describe(List<OtlpReceiver.ReceivedSpan> spans) {
        return spans.stream().map(s -> s.service() + ":" + s.name()).sorted().toList().toString();
    }
}
