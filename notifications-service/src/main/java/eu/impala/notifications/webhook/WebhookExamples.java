package eu.impala.notifications.webhook;

/**
 * Bodies of real calls of the webhook API, the examples of its OpenAPI document; the receiver's url and the
 * secrets are replaced by fictional ones (the tests' receiver listens on loopback).
 */
final class WebhookExamples {

    static final String REQUEST = """
            {"url": "https://hooks.example.org/impala", "eventTypes": ["member.registered", "member.status-changed"]}
            """;

    static final String CREATED = """
            {
              "id": "90f68c50-4857-451c-a964-da59c3ea8602",
              "associationId": "0a5f0000-0000-4000-8000-000000000001",
              "url": "https://hooks.example.org/impala",
              "eventTypes": ["member.registered", "member.status-changed"],
              "active": true,
              "createdAt": "2026-12-02T16:25:32.671357Z",
              "secret": "whsec_EXAMPLE-secret-shown-only-once-000000000000"
            }
            """;

    static final String LIST = """
            [
              {
                "id": "90f68c50-4857-451c-a964-da59c3ea8602",
                "associationId": "0a5f0000-0000-4000-8000-000000000001",
                "url": "https://hooks.example.org/impala",
                "eventTypes": ["member.registered", "member.status-changed"],
                "active": true,
                "createdAt": "2026-12-02T16:25:32.671357Z"
              }
            ]
            """;

    static final String ROTATION = """
            {"keepPreviousFor": "PT24H"}
            """;

    static final String ROTATED = """
            {
              "id": "90f68c50-4857-451c-a964-da59c3ea8602",
              "associationId": "0a5f0000-0000-4000-8000-000000000001",
              "url": "https://hooks.example.org/impala",
              "eventTypes": ["member.registered", "member.status-changed"],
              "active": true,
              "createdAt": "2026-12-02T16:25:32.671357Z",
              "secret": "whsec_EXAMPLE-new-secret-shown-only-once-00000000",
              "previousSecretValidUntil": "2026-12-03T16:25:35.643637Z"
            }
            """;

    static final String DELIVERIES = """
            [
              {
                "id": "a51a10ee-0b79-4f7c-a25d-e37f4a5be8ba",
                "eventId": "d0830b3f-ef4f-4797-b1f3-daa34b6f709d",
                "eventType": "member.registered",
                "status": "SENT",
                "attempts": 1,
                "lastError": null,
                "lastResponse": "2xx",
                "lastDurationMs": 90,
                "createdAt": "2026-12-02T16:25:34.786555Z",
                "sentAt": "2026-12-02T16:25:35.12534Z",
                "nextAttemptAt": null
              }
            ]
            """;

    private WebhookExamples() {
    }
}
