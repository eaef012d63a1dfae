package eu.impala.membership.sync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;

/** A sync request read into records: each either valid or rejected with its field problems. */
public record SyncBatch(List<Entry> entries) {

    /** A sync takes at most this many records, in either form. */
    public static final int MAX_RECORDS = 10_000;

    /**
     * One record: its position (index in JSON, line in CSV), its key, the record or why it was rejected, and
     * for a valid record the digest of what it says (see {@link SyncFingerprint}). A JSON record read as far as its
     * key and digest has no record yet, only its {@code deferred} check: see {@link #checked}.
     */
    public record Entry(int index, Integer row, String externalId, SyncRecord record, List<Problem.FieldError> errors,
                        byte[] fingerprint, Deferred deferred) {

        public Entry(int index, Integer row, String externalId, SyncRecord record, List<Problem.FieldError> errors) {
            this(index, row, externalId, record, errors, null, null);
        }

        public boolean valid() {
            return errors.isEmpty();
        }

        Entry withFingerprint(byte[] digest) {
            return new Entry(index, row, externalId, record, errors, digest, null);
        }
    }

    /** The rest of reading a record, mapping and validating it: left for when its result is needed. */
    @FunctionalInterface
    public interface Deferred {
        Entry check();
    }

    /** The 413 of a request past {@link #MAX_RECORDS}, raised while reading, before the rest is read. */
    public static ProblemException tooManyRecords() {
        return ProblemException.tooLarge("a sync takes at most " + MAX_RECORDS + " records per request; this one has "
                + "more: split it into several requests");
    }

    /** The valid records' keys and digests, to look their references up by. */
    public Map<String, byte[]> digests() {
        Map<String, byte[]> digests = new HashMap<>();
        entries.stream().filter(Entry::valid).forEach(e -> digests.put(e.externalId(), e.fingerprint()));
        return digests;
    }

    /**
     * Maps and validates the records not checked yet, except those found {@code unchanged}: a record is only ever
     * stored as unchanged under its digest after it was checked and found valid, so those are spared the work.
     */
    public SyncBatch checked(Set<String> unchanged) {
        // records are independent: checked on every core, order kept by index
        return new SyncBatch(IntStream.range(0, entries.size()).parallel()
                .mapToObj(i -> {
                    Entry e = entries.get(i);
                    if (e.deferred() == null || unchanged.contains(e.externalId())) {
                        return e;
                    }
                    Entry checked = e.deferred().check();
                    return checked.valid() ? checked.withFingerprint(e.fingerprint()) : checked;
                })
                .toList());
    }
}
