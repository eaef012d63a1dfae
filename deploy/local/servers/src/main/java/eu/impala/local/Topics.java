package eu.impala.local;

import java.util.List;

/** The topic catalogue (docs/architecture.md, "Events"), with the dead-letter topic of each consuming service. */
public final class Topics {

    public static final List<String> CATALOGUE = List.of(
            "membership.members.v1",
            "membership.contacts.v1",
            "campaigns.campaigns.v1",
            "campaigns.signatures.v1",
            "notifications.deliveries.v1",
            "notifications.announcements.v1");

    public static final List<String> DEAD_LETTER = List.of(
            "campaigns.dead-letter.v1",
            "notifications.dead-letter.v1");

    /** Partitions per topic: enough to spread keys over the consumers of a small cluster. */
    public static final int PARTITIONS = 3;

    private Topics() {
    }

    public static List<String> all() {
        return java.util.stream.Stream.concat(CATALOGUE.stream(), DEAD_LETTER.stream()).toList();
    }
}
