package eu.impala.notifications.inbox;

/**
 * Bodies of real calls of the inbox, the examples of its OpenAPI document.
 */
final class InboxExamples {

    static final String PAGE = """
            {
              "items": [
                {
                  "id": "8b3ddd27-28c2-480e-9398-52fa4c580de1",
                  "kind": "memberJoined",
                  "title": "Disques Exemple has joined through your association",
                  "memberId": "6a09d26f-5d54-4384-a70f-98dab295955f",
                  "campaignSlug": null,
                  "at": "2026-12-02T16:25:34.786555Z",
                  "read": false
                }
              ]
            }
            """;

    static final String UNREAD = """
            {"unread": 1}
            """;

    private InboxExamples() {
    }
}
