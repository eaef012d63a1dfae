package eu.impala.membership.sync;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One kept run in an association's list of runs: who ran it, when, how, and how many records each result had. */
public record SyncRunSummary(UUID runId, Instant createdAt, String actor, String mode, boolean forced,
                             @Schema(description = "result → records, as in the run's own summary")
                             Map<String, Integer> summary) {
}
