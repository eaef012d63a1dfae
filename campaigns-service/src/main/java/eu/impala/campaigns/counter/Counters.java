package eu.impala.campaigns.counter;

import java.util.Map;

/** A campaign's public counts: total signatories, and by country, member kind and size class. */
public record Counters(String slug, int total, Integer goal, boolean goalReached, Map<String, Integer> byCountry,
                       Map<String, Integer> byMemberKind, Map<String, Integer> bySizeClass) {

    /** Members without a known size class (artists, associations, or not declared). */
    public static final String UNKNOWN_SIZE = "UNKNOWN";
}
