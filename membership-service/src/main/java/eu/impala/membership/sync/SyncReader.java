package eu.impala.membership.sync;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ValidatorFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;

/**
 * Reads a sync request, JSON or CSV, into a {@link SyncBatch}, record by record: a record that cannot be read or
 * fails validation is rejected with its field problems and never stops the others. A body that cannot be a sync
 * at all is a 400, and one with too many records a 413, as soon as that shows, before the rest is read.
 */
@ApplicationScoped
public class SyncReader {

    private final ObjectMapper json;
    private final RecordCheck check;

    public SyncReader(ObjectMapper json, ValidatorFactory validators) {
        this.json = json;
        this.check = new RecordCheck(json, validators);
    }

    /** JSON {@code {"records": [...]}} (a bare array is accepted too), or CSV with the documented header row. */
    public SyncBatch read(String body, boolean csv) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("the body is empty: send the association's records",
                    List.of(new Problem.FieldError("(body)", "required")));
        }
        return new SyncBatch(rejectDuplicates(csv ? csv(body) : json(body)));
    }

    private List<SyncBatch.Entry> json(String body) {
        RecordText.Read read;
        try {
            read = RecordText.read(json, body, SyncBatch.MAX_RECORDS);
        } catch (IOException e) { // from a String, only ever a JsonProcessingException
            throw ProblemException.badRequest("the body is not well-formed JSON: " + (e instanceof JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage()), List.of(new Problem.FieldError("(body)", "not well-formed JSON")));
        }
        if (read.records() == null) {
            throw ProblemException.badRequest("expected {\"records\": [ ... ]}",
                    List.of(new Problem.FieldError("records", "must be an array of member records")));
        }
        if (!read.otherFields().isEmpty()) {
            // a "dryRun" or "mode" sent in the body instead of the query must not turn into a real upsert
            throw ProblemException.badRequest("the body has " + read.otherFields().size() + " unknown field(s)",
                    read.otherFields().stream().map(name -> new Problem.FieldError(name, "unknown field; the body is "
                            + "{\"records\": [...]} and mode, dryRun and force are query parameters")).toList());
        }
        List<RecordText.Record> records = read.records();
        // Records are independent: digested on every core, each from its own text in the body (writing the tree out
        // again was most of a resync's CPU); order is kept by index. Mapping and validating a record is deferred: a
        // resync spares it for the records it already holds as they are.
        return IntStream.range(0, records.size()).parallel()
                .mapToObj(i -> {
                    JsonNode node = records.get(i).node();
                    if (!node.isObject() || !node.hasNonNull("externalId")) {
                        return check.json(i, node);
                    }
                    return new SyncBatch.Entry(i, null, node.get("externalId").asText(), null, List.of(),
                            SyncFingerprint.ofText(body, records.get(i).start(), records.get(i).end()),
                            () -> check.json(i, node));
                })
                .toList();
    }

    private List<SyncBatch.Entry> csv(String body) {
        List<SyncBatch.Entry> entries = new ArrayList<>();
        for (SyncCsv.Read read : SyncCsv.read(body, SyncBatch.MAX_RECORDS)) {
            if (read.record() == null) {
                entries.add(new SyncBatch.Entry(read.index(), read.row(), null, null, read.errors()));
                continue;
            }
            SyncBatch.Entry checked = check.record(read.index(), read.row(), read.record(), "row " + read.row() + ": ");
            List<Problem.FieldError> errors = new ArrayList<>(read.errors());
            errors.addAll(checked.errors());
            entries.add(errors.isEmpty() ? checked.withFingerprint(SyncFingerprint.of(json, read.record()))
                    : new SyncBatch.Entry(read.index(), read.row(), read.externalId(), null, errors));
        }
        return entries;
    }

    /** An externalId twice in one batch is ambiguous: every occurrence is rejected. */
    private static List<SyncBatch.Entry> rejectDuplicates(List<SyncBatch.Entry> entries) {
        Map<String, Integer> count = new HashMap<>();
        for (SyncBatch.Entry e : entries) {
            if (e.externalId() != null) {
                count.merge(e.externalId(), 1, Integer::sum);
            }
        }
        List<SyncBatch.Entry> out = new ArrayList<>(entries.size());
        for (SyncBatch.Entry e : entries) {
            if (e.externalId() != null && count.get(e.externalId()) > 1) {
                // a duplicate is reported with its own problems too
                List<Problem.FieldError> errors = new ArrayList<>(e.deferred() == null ? e.errors() : e.deferred().check().errors());
                errors.add(new Problem.FieldError(e.row() != null ? "row " + e.row() + ": externalId"
                        : "records[" + e.index() + "].externalId", "duplicate externalId in this batch"));
                out.add(new SyncBatch.Entry(e.index(), e.row(), e.externalId(), null, errors));
            } else {
                out.add(e);
            }
        }
        return out;
    }
}
