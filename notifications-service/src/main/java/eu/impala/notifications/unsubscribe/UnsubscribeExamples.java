package eu.impala.notifications.unsubscribe;

/** Bodies of real calls of the unsubscribe endpoint, the examples of its OpenAPI document. */
final class UnsubscribeExamples {

    /** A contact left campaign news by email. */
    static final String UNSUBSCRIBED = """
            {"topic": "CAMPAIGNS", "channel": "EMAIL", "subscribed": false}
            """;

    private UnsubscribeExamples() {
    }
}
