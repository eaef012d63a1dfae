package eu.impala.membership.sync;

import java.lang.annotation.ElementType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.membership.contact.ContactRole;

/**
 * Reads a sync request, JSON or CSV, record by record: a record that cannot be read or fails validation is
 * rejected with its field problems and never stops the others.
 */
@ApplicationScoped
public class SyncReader {

    public static final int MAX_RECORDS = 10_000;

    private final ObjectMapper json;
    private final Validator validator;

    public SyncReader(ObjectMapper json, ValidatorFactory validators) {
        this.json = json;
        // Records read from a request are plain values, never lazily loaded entities: asking JPA whether each of
        // their properties is loaded was the largest part of validating 10,000 of them.
        this.validator = validators.usingContext().traversableResolver(new TraversableResolver() {
            @Override
            public boolean isReachable(Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
                return true;
            }

            @Override
            public boolean isCascadable(Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
                return true;
            }
        }).getValidator();
    }

    /** {@code {"records": [...]}} (a bare array is accepted too). */
    public SyncBatch readJson(String body) {
        JsonNode root;
        int[] spans;
        try {
            RecordText.Read read = RecordText.read(json, body);
            root = read.root();
            spans = read.spans();
        } catch (java.io.IOException e) { // from a String, only ever a JsonProcessingException
            throw ProblemException.badRequest("the body is not well-formed JSON: " + (e instanceof JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage()), List.of(new Problem.FieldError("(body)", "not well-formed JSON")));
        }
        JsonNode records = root != null && root.isObject() ? root.get("records") : root;
        if (records == null || !records.isArray()) {
            throw ProblemException.badRequest("expected {\"records\": [ ... ]}",
                    List.of(new Problem.FieldError("records", "must be an array of member records")));
        }
        if (root != null && root.isObject()) {
            // a "dryRun" or "mode" sent in the body instead of the query must not turn into a real upsert
            List<Problem.FieldError> unknown = new java.util.ArrayList<>();
            root.fieldNames().forEachRemaining(name -> {
                if (!name.equals("records")) {
                    unknown.add(new Problem.FieldError(name, "unknown field; the body is {\"records\": [...]} and mode, "
                            + "dryRun and force are query parameters"));
                }
            });
            if (!unknown.isEmpty()) {
                throw ProblemException.badRequest("the body has " + unknown.size() + " unknown field(s)", unknown);
            }
        }
        requireAtMost(records.size());
        // Records are independent: digested on both cores, each from its own text in the body (writing the tree out
        // again was most of a resync's CPU); order is kept by index. Mapping and validating a record waits for
        // check(), which a resync can spare the records it already holds as they are.
        List<SyncBatch.Entry> entries = java.util.stream.IntStream.range(0, records.size()).parallel()
                .mapToObj(i -> {
                    JsonNode node = records.get(i);
                    if (node == null || !node.isObject() || !node.hasNonNull("externalId")) {
                        return entry(i, node);
                    }
                    String key = node.get("externalId").asText();
                    return new SyncBatch.Entry(i, null, key, null, List.of(),
                            SyncFingerprint.ofText(body, spans[2 * i], spans[2 * i + 1]), node);
                })
                .toList();
        return new SyncBatch(rejectDuplicates(entries));
    }

    /**
     * Maps and validates the records not checked yet, except those whose digest the caller found unchanged:
     * a record is only ever stored as unchanged under its digest after it was checked and found valid.
     */
    public SyncBatch check(SyncBatch batch, java.util.Set<String> unchanged) {
        List<SyncBatch.Entry> entries = batch.entries();
        return new SyncBatch(java.util.stream.IntStream.range(0, entries.size()).parallel()
                .mapToObj(i -> {
                    SyncBatch.Entry e = entries.get(i);
                    if (e.unchecked() == null || unchanged.contains(e.externalId())) {
                        return e;
                    }
                    SyncBatch.Entry checked = entry(e.index(), e.unchecked());
                    return new SyncBatch.Entry(checked.index(), checked.row(), checked.externalId(), checked.record(),
                            checked.errors(), checked.valid() ? e.fingerprint() : null, null);
                })
                .toList());
    }

    private SyncBatch.Entry entry(int i, JsonNode node) {
        String externalId = node != null && node.hasNonNull("externalId") ? node.get("externalId").asText() : null;
        try {
            SyncRecord record = json.treeToValue(node, SyncRecord.class);
            return checked(i, null, record, "records[" + i + "].");
        } catch (JsonMappingException e) {
            return new SyncBatch.Entry(i, null, externalId, null, List.of(new Problem.FieldError(
                    "records[" + i + "]" + path(e), readable(e))));
        } catch (JsonProcessingException e) {
            return new SyncBatch.Entry(i, null, externalId, null,
                    List.of(new Problem.FieldError("records[" + i + "]", "unreadable record")));
        }
    }

    /** CSV with the documented header row; repeated externalId rows add contacts to the member. */
    public SyncBatch readCsv(String body) {
        return new SyncBatch(rejectDuplicates(new SyncCsv(this).read(body)).stream()
                .map(e -> e.valid() ? new SyncBatch.Entry(e.index(), e.row(), e.externalId(), e.record(), e.errors(),
                        SyncFingerprint.of(json, e.record()), null) : e)
                .toList());
    }

    void requireAtMost(int count) {
        if (count > MAX_RECORDS) {
            throw ProblemException.tooLarge("a sync takes at most " + MAX_RECORDS + " records per request; this one has "
                    + count + ": split it into several requests");
        }
    }

    /** Bean Validation plus the rules across fields: one primary contact, one contact per email. */
    SyncBatch.Entry checked(int index, Integer row, SyncRecord record, String prefix) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (record == null) {
            return new SyncBatch.Entry(index, row, null, null, List.of(new Problem.FieldError(prefix + "(record)", "must be an object")));
        }
        for (ConstraintViolation<SyncRecord> v : validator.validate(record)) {
            errors.add(new Problem.FieldError(prefix + path(v.getPropertyPath()), v.getMessage()));
        }
        if (record.contacts() != null) {
            long primaries = record.contacts().stream().filter(c -> c != null && c.role() == ContactRole.PRIMARY).count();
            if (primaries > 1) {
                errors.add(new Problem.FieldError(prefix + "contacts", "at most one PRIMARY contact"));
            }
            Set<String> emails = new HashSet<>();
            for (int c = 0; c < record.contacts().size(); c++) {
                SyncContact contact = record.contacts().get(c);
                if (contact != null && contact.email() != null && !emails.add(contact.email().toLowerCase(Locale.ROOT))) {
                    errors.add(new Problem.FieldError(prefix + "contacts[" + c + "].email", "duplicate email in this member"));
                }
            }
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return new SyncBatch.Entry(index, row, record.externalId(), record, errors);
    }

    /** An externalId twice in one batch is ambiguous: every occurrence is rejected. */
    private List<SyncBatch.Entry> rejectDuplicates(List<SyncBatch.Entry> entries) {
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
                List<Problem.FieldError> errors = new ArrayList<>(e.unchecked() == null ? e.errors()
                        : entry(e.index(), e.unchecked()).errors());
                errors.add(new Problem.FieldError(e.row() != null ? "row " + e.row() + ": externalId"
                        : "records[" + e.index() + "].externalId", "duplicate externalId in this batch"));
                out.add(new SyncBatch.Entry(e.index(), e.row(), e.externalId(), null, errors));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    private static String path(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable() && node.getIndex() != null && out.length() > 0) {
                out.append('[').append(node.getIndex()).append(']');
            } else if (node.isInIterable() && node.getKey() != null && out.length() > 0) {
                out.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null && node.getKind() != jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                out.append(out.length() == 0 ? "" : ".").append(node.getName());
            }
        }
        return out.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                out.append('.').append(ref.getFieldName());
            }
        }
        return out.toString();
    }

    static String readable(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f && f.getTargetType() != null
                && f.getTargetType().isEnum()) {
            return "must be one of " + java.util.Arrays.toString(f.getTargetType().getEnumConstants());
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null) {
            return "has the wrong type (expected " + m.getTargetType().getSimpleName() + ")";
        }
        return "cannot be read";
    }
}
