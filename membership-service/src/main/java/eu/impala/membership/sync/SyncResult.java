package eu.impala.membership.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The result of a sync run: its summary and what happened to each record, as kept and returned. */
public record SyncResult(UUID runId, UUID associationId, String mode, boolean dryRun, boolean forced,
                         boolean thresholdExceeded, Instant createdAt, String actor, Map<String, Integer> summary,
                         List<SyncOutcome> results) {
}
