package eu.impala.notifications.preference;

/**
 * Bodies of real calls of the preference API, the examples of its OpenAPI document.
 */
final class PreferenceExamples {

    /** A contact that has not chosen yet. */
    static final String DEFAULTS = """
            {
              "channels": {
                "MEMBERSHIP": ["EMAIL", "IN_APP", "WEBHOOK"],
                "CAMPAIGNS": ["EMAIL", "IN_APP", "WEBHOOK"],
                "NEWSLETTERS": ["EMAIL", "IN_APP", "WEBHOOK"]
              },
              "digest": "IMMEDIATE"
            }
            """;

    /** Campaign news in the app only, membership news by email and in the app, weekly. */
    static final String CHOICE = """
            {"channels": {"CAMPAIGNS": ["IN_APP"], "MEMBERSHIP": ["EMAIL", "IN_APP"]}, "digest": "WEEKLY"}
            """;

    /** The same as stored: the topic left out keeps every channel. */
    static final String CHOSEN = """
            {
              "channels": {"CAMPAIGNS": ["IN_APP"], "MEMBERSHIP": ["EMAIL", "IN_APP"], "NEWSLETTERS": ["EMAIL", "WEBHOOK", "IN_APP"]},
              "digest": "WEEKLY"
            }
            """;

    private PreferenceExamples() {
    }
}
