package eu.impala.notifications.notification;

/**
 * Bodies of real calls of the delivery log, the examples of its OpenAPI document.
 */
final class DeliveryExamples {

    /** A new member's welcome email and the webhook delivery of the same event. */
    static final String PAGE = """
            {
              "items": [
                {
                  "id": "ca679754-b4f3-4709-b46e-32362865723c",
                  "eventId": "d0830b3f-ef4f-4797-b1f3-daa34b6f709d",
                  "kind": "welcome",
                  "channel": "EMAIL",
                  "recipient": "primary-contact:6a09d26f-5d54-4384-a70f-98dab295955f",
                  "memberId": "6a09d26f-5d54-4384-a70f-98dab295955f",
                  "address": "contact.five@example.org",
                  "language": "fr",
                  "subject": "Bienvenue chez IMPALA, Disques Exemple",
                  "status": "SENT",
                  "attempts": 1,
                  "lastError": null,
                  "createdAt": "2026-12-02T16:25:34.786555Z",
                  "nextAttemptAt": null,
                  "sentAt": "2026-12-02T16:25:35.39759Z",
                  "attemptLog": []
                },
                {
                  "id": "a51a10ee-0b79-4f7c-a25d-e37f4a5be8ba",
                  "eventId": "d0830b3f-ef4f-4797-b1f3-daa34b6f709d",
                  "kind": "member.registered",
                  "channel": "WEBHOOK",
                  "recipient": "webhook:90f68c50-4857-451c-a964-da59c3ea8602",
                  "memberId": "6a09d26f-5d54-4384-a70f-98dab295955f",
                  "address": null,
                  "language": null,
                  "subject": null,
                  "status": "SENT",
                  "attempts": 1,
                  "lastError": null,
                  "createdAt": "2026-12-02T16:25:34.786555Z",
                  "nextAttemptAt": null,
                  "sentAt": "2026-12-02T16:25:35.12534Z",
                  "attemptLog": []
                }
              ],
              "next": "djE6MjAyNi0xMi0wMlQxNjoyNTozNC43ODY1NTVafGE1MWExMGVlLTBiNzktNGY3Yy1hMjVkLWUzN2Y0YTViZThiYQ"
            }
            """;

    /** The welcome email of a member without a contact, dead after its last attempt. */
    static final String DEAD = """
            {
              "id": "c6d52626-f4d3-4d4c-a2b9-0b81d7329145",
              "eventId": "c9b3b085-6aae-4d12-bd6a-5f95e5fc73ee",
              "kind": "welcome",
              "channel": "EMAIL",
              "recipient": "primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f",
              "memberId": "1e98c613-b10d-45a3-84f4-b72e7a239e2f",
              "address": null,
              "language": null,
              "subject": null,
              "status": "DEAD",
              "attempts": 6,
              "lastError": "no address for primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f (yet)",
              "createdAt": "2026-12-02T16:25:36.077737Z",
              "nextAttemptAt": null,
              "sentAt": null,
              "attemptLog": [
                {
                  "attempt": 1,
                  "at": "2026-12-02T16:25:40.010902Z",
                  "outcome": "FAILED",
                  "error": "no address for primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f (yet)"
                },
                {
                  "attempt": 2,
                  "at": "2026-12-02T16:25:41.006751Z",
                  "outcome": "FAILED",
                  "error": "no address for primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f (yet)"
                },
                {
                  "attempt": 3,
                  "at": "2026-12-02T16:25:42.004828Z",
                  "outcome": "FAILED",
                  "error": "no address for primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f (yet)"
                },
                {
                  "attempt": 4,
                  "at": "2026-12-02T16:25:43.015793Z",
                  "outcome": "FAILED",
                  "error": "no address for primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f (yet)"
                },
                {
                  "attempt": 5,
                  "at": "2026-12-02T16:25:45.010707Z",
                  "outcome": "FAILED",
                  "error": "no address for primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f (yet)"
                },
                {
                  "attempt": 6,
                  "at": "2026-12-02T16:25:51.007267Z",
                  "outcome": "DEAD",
                  "error": "no address for primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f (yet)"
                }
              ]
            }
            """;

    /** The same, retried once a contact was known. */
    static final String RETRIED = """
            {
              "id": "c6d52626-f4d3-4d4c-a2b9-0b81d7329145",
              "eventId": "c9b3b085-6aae-4d12-bd6a-5f95e5fc73ee",
              "kind": "welcome",
              "channel": "EMAIL",
              "recipient": "primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f",
              "memberId": "1e98c613-b10d-45a3-84f4-b72e7a239e2f",
              "address": null,
              "language": null,
              "subject": null,
              "status": "PENDING",
              "attempts": 6,
              "lastError": "no address for primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f (yet)",
              "createdAt": "2026-12-02T16:25:36.077737Z",
              "nextAttemptAt": "2026-12-02T16:27:51.441532Z",
              "sentAt": null,
              "attemptLog": [
                {
                  "attempt": 1,
                  "at": "2026-12-02T16:25:40.010902Z",
                  "outcome": "FAILED",
                  "error": "no address for primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f (yet)"
                },
                {
                  "attempt": 2,
                  "at": "2026-12-02T16:25:41.006751Z",
                  "outcome": "FAILED",
                  "error": "no address for primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f (yet)"
                },
                {
                  "attempt": 3,
                  "at": "2026-12-02T16:25:42.004828Z",
                  "outcome": "FAILED",
                  "error": "no address for primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f (yet)"
                },
                {
                  "attempt": 4,
                  "at": "2026-12-02T16:25:43.015793Z",
                  "outcome": "FAILED",
                  "error": "no address for primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f (yet)"
                },
                {
                  "attempt": 5,
                  "at": "2026-12-02T16:25:45.010707Z",
                  "outcome": "FAILED",
                  "error": "no address for primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f (yet)"
                },
                {
                  "attempt": 6,
                  "at": "2026-12-02T16:25:51.007267Z",
                  "outcome": "DEAD",
                  "error": "no address for primary-contact:1e98c613-b10d-45a3-84f4-b72e7a239e2f (yet)"
                }
              ]
            }
            """;

    private DeliveryExamples() {
    }
}
