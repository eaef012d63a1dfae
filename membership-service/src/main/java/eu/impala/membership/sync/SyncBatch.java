package eu.impala.membership.sync;

import java.util.List;

import eu.impala.commons.problem.Problem;

/** A sync request read into records: each either valid or rejected with its field problems. */
public record SyncBatch(List<Entry> entries) {

    /** One record: its position (index in JSON, line in CSV), its key, and the record or why it was rejected. */
    public record Entry(int index, Integer row, String externalId, SyncRecord record, List<Problem.FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }
}
