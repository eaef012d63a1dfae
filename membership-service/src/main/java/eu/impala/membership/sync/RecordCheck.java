package eu.impala.membership.sync;

import java.lang.annotation.ElementType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import eu.impala.commons.problem.Problem;
import eu.impala.membership.contact.ContactRole;

/**
 * The rules of one sync record, whichever form it came in: mapped from its JSON, then Bean Validation and the rules
 * across its fields. Problems name the field the way the client wrote the record.
 */
final class RecordCheck {

    private final ObjectMapper json;
    private final Validator validator;

    RecordCheck(ObjectMapper json, ValidatorFactory validators) {
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

    /** The JSON record at {@code records[index]}, mapped and checked. */
    SyncBatch.Entry json(int index, JsonNode node) {
        String externalId = node != null && node.hasNonNull("externalId") ? node.get("externalId").asText() : null;
        try {
            return record(index, null, json.treeToValue(node, SyncRecord.class), "records[" + index + "].");
        } catch (JsonMappingException e) {
            return new SyncBatch.Entry(index, null, externalId, null, List.of(new Problem.FieldError(
                    "records[" + index + "]" + path(e), readable(e))));
        } catch (JsonProcessingException e) {
            return new SyncBatch.Entry(index, null, externalId, null,
                    List.of(new Problem.FieldError("records[" + index + "]", "unreadable record")));
        }
    }

    /** Bean Validation plus the rules across fields: one primary contact, one contact per email. */
    SyncBatch.Entry record(int index, Integer row, SyncRecord record, String prefix) {
        if (record == null) {
            return new SyncBatch.Entry(index, row, null, null,
                    List.of(new Problem.FieldError(prefix + "(record)", "must be an object")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
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

    private static String path(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable() && node.getIndex() != null && out.length() > 0) {
                out.append('[').append(node.getIndex()).append(']');
            } else if (node.isInIterable() && node.getKey() != null && out.length() > 0) {
                out.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
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

    private static String readable(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(f.getTargetType().getEnumConstants());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "has the wrong type (expected " + m.getTargetType().getSimpleName() + ")";
        }
        return "cannot be read";
    }
}
