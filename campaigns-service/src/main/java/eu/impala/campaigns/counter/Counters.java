package eu.impala.campaigns.counter;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A campaign's public counts: total signatories, and by country, member kind and size class. */
public record Counters(String slug, int total, @Schema(nullable = true) Integer goal, boolean goalReached,
                       Map<String, Integer> byCountry,
                       Map<String, Integer> byMemberKind, Map<String, Integer> bySizeClass) {

    /** Members without a known size class (artists, associations, or not declared). */
    public static final String UNKNOWN_SIZE = "UNKNOWN";
}
