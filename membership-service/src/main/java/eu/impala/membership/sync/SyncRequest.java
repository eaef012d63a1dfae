package eu.impala.membership.sync;

import java.util.List;
import java.util.UUID;

import eu.impala.commons.idempotency.Idempotency;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;

/**
 * A sync as asked for: the mode as the API spells it, the flags, the Idempotency-Key if any, and the body.
 *
 * @param csv whether the body is CSV rather than JSON
 */
public record SyncRequest(String mode, boolean dryRun, boolean force, String idempotencyKey, String body, boolean csv) {

    /** The mode asked for; one the API does not know is a 400 problem naming it. */
    SyncMode syncMode() {
        SyncMode parsed = SyncMode.fromWire(mode);
        if (parsed == null) {
            throw ProblemException.badRequest("mode is one of upsert, snapshot, create-only, update-only",
                    List.of(new Problem.FieldError("mode", "must be upsert, snapshot, create-only or update-only")));
        }
        return parsed;
    }

    /** What makes two syncs the same request; only worth digesting a few MB of body for when there is a key. */
    String fingerprint(UUID association) {
        return idempotencyKey == null ? null : Idempotency.fingerprint(association.toString(), syncMode().name(),
                Boolean.toString(dryRun), Boolean.toString(force), csv ? "csv" : "json", body);
    }
}
