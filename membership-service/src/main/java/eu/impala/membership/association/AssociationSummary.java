package eu.impala.membership.association;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where a national association stands with us at a glance: its members by status, its last sync runs and the latest
 * position of its delta feed.
 *
 * @param membersByStatus the members it represents (not erased), every status listed with its count
 * @param lastRuns        its last kept sync runs, newest first (dry runs are not kept)
 * @param feed            the latest position of its delta feed
 */
public record AssociationSummary(UUID associationId, Map<String, Long> membersByStatus, List<Run> lastRuns, Feed feed) {

    /** A kept sync run: when, how, and what happened to its records; its whole result is at {@code href}. */
    public record Run(UUID runId, Instant createdAt, String mode, boolean forced,
                      @Schema(description = "How many records were created, updated, unchanged... (only the outcomes "
                              + "that occurred)") Map<String, Integer> summary,
                      String href) {
    }

    /**
     * The feed's latest position.
     *
     * @param seq    the position of the last change in the association's feed (0: none yet)
     * @param cursor a cursor at that position: the changes after it are those still to come
     */
    public record Feed(long seq, String cursor) {
    }
}
