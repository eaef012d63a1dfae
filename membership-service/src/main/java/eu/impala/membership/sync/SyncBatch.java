package eu.impala.membership.sync;

import java.util.List;

import eu.impala.commons.problem.Problem;

/** A sync request read into records: each either valid or rejected with its field problems. */
public record SyncBatch(List<Entry> entries) {

    /**
     * One record: its position (index in JSON, line in CSV), its key, the record or why it was rejected, and
     * for a valid record the digest of what it says (see {@link SyncFingerprint}). A JSON record not checked
     * yet has only its key, digest and {@code unchecked} node: {@link SyncReader#check} reads it when needed.
     */
    public record Entry(int index, Integer row, String externalId, SyncRecord record, List<Problem.FieldError> errors,
                        byte[] fingerprint, com.fasterxml.jackson.databind.JsonNode unchecked) {

        public Entry(int index, Integer row, String externalId, SyncRecord record, List<Problem.FieldError> errors) {
            this(index, row, externalId, record, errors, null, null);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }
}
