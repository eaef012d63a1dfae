package eu.impala.membership.sync;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import eu.impala.commons.problem.Problem;
import eu.impala.membership.duplicate.DuplicateWarning;

/** What a sync did (or, in a dry run, would do) with one record, or with one absent member in a snapshot. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SyncOutcome(Integer index, Integer row, String externalId, Result result, UUID memberId,
                          List<String> changedFields, List<Problem.FieldError> errors,
                          List<DuplicateWarning> warnings) {

    public SyncOutcome(Integer index, Integer row, String externalId, Result result, UUID memberId,
                       List<String> changedFields, List<Problem.FieldError> errors) {
        this(index, row, externalId, result, memberId, changedFields, errors, List.of());
    }

    /** This outcome with a warning: the record was applied all the same. */
    public SyncOutcome warned(DuplicateWarning warning) {
        return new SyncOutcome(index, row, externalId, result, memberId, changedFields, errors, List.of(warning));
    }

    /** The per-record results the API documents. */
    public enum Result {
        CREATED, UPDATED, UNCHANGED, LAPSED, REJECTED, MOVED, SKIPPED;

        @JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static SyncOutcome rejected(int index, Integer row, String externalId, List<Problem.FieldError> errors) {
        return new SyncOutcome(index, row, externalId, Result.REJECTED, null, List.of(), errors);
    }
}
