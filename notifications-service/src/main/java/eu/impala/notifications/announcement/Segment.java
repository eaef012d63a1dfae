package eu.impala.notifications.announcement;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.impala.commons.problem.Problem;

/**
 * Whom an announcement reaches: members of these kinds, categories, size classes, countries and statuses,
 * represented by these associations, and of those members the contacts with these roles. An empty list does not
 * filter, except {@code statuses}, which means ACTIVE members only when empty. A member without a size class is left
 * out by a size-class filter.
 */
public record Segment(
        @Schema(description = "COMPANY, ARTIST, NATIONAL_ASSOCIATION; empty: all.") List<String> memberKinds,
        @Schema(description = "DIRECT, REPRESENTED, ASSOCIATE; empty: all.") List<String> categories,
        @Schema(description = "MICRO, SMALL, MEDIUM; empty: all (members without a size class included).")
        List<String> sizeClasses,
        @Schema(description = "ISO 3166-1 alpha-2 codes; empty: all.") List<String> countries,
        @Schema(description = "APPLICANT, ACTIVE, SUSPENDED, LAPSED, TERMINATED; empty: ACTIVE only.") List<String> statuses,
        @Schema(description = "Members represented by these associations; empty: all. An association's admin always "
                + "gets its own association here, whatever it asks.") List<UUID> associations,
        @Schema(description = "PRIMARY, BILLING, PRESS, LEGAL, TECHNICAL, OTHER; empty: every contact.")
        List<String> contactRoles) {

    static final Set<String> KINDS = Set.of("COMPANY", "ARTIST", "NATIONAL_ASSOCIATION");
    static final Set<String> CATEGORIES = Set.of("DIRECT", "REPRESENTED", "ASSOCIATE");
    static final Set<String> SIZE_CLASSES = Set.of("MICRO", "SMALL", "MEDIUM");
    static final Set<String> STATUSES = Set.of("APPLICANT", "ACTIVE", "SUSPENDED", "LAPSED", "TERMINATED");
    static final Set<String> ROLES = Set.of("PRIMARY", "BILLING", "PRESS", "LEGAL", "TECHNICAL", "OTHER");
    /** The most values one list may hold (countries and associations are the long ones). */
    static final int MAX_VALUES = 100;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    /** Every member of the platform that is ACTIVE, every contact. */
    public static Segment everyone() {
        return new Segment(List.of(), List.of(), List.of(), List.of(), List.of("ACTIVE"), List.of(), List.of());
    }

    /** Lists filled in (empty rather than absent), ACTIVE when no status is named, duplicates dropped. */
    Segment normalized() {
        List<String> status = distinct(statuses);
        return new Segment(distinct(memberKinds), distinct(categories), distinct(sizeClasses), distinct(countries),
                status.isEmpty() ? List.of("ACTIVE") : status, associations == null ? List.of()
                : associations.stream().distinct().toList(), distinct(contactRoles));
    }

    /** The same segment narrowed to the members one association represents. */
    Segment narrowedTo(UUID association) {
        return new Segment(memberKinds, categories, sizeClasses, countries, statuses, List.of(association), contactRoles);
    }

    /** What is wrong with the lists, field by field. */
    List<Problem.FieldError> errors() {
        List<Problem.FieldError> errors = new ArrayList<>();
        check(errors, "memberKinds", memberKinds, KINDS);
        check(errors, "categories", categories, CATEGORIES);
        check(errors, "sizeClasses", sizeClasses, SIZE_CLASSES);
        check(errors, "statuses", statuses, STATUSES);
        check(errors, "contactRoles", contactRoles, ROLES);
        if (countries != null) {
            size(errors, "countries", countries.size());
            for (String c : countries) {
                if (c == null || !COUNTRY.matcher(c).matches()) {
                    errors.add(new Problem.FieldError("segment.countries", "not an ISO 3166-1 alpha-2 code: " + c));
                }
            }
        }
        if (associations != null) {
            size(errors, "associations", associations.size());
            if (associations.contains(null)) {
                errors.add(new Problem.FieldError("segment.associations", "an association id is null"));
            }
        }
        return errors;
    }

    private static void check(List<Problem.FieldError> errors, String field, List<String> values, Set<String> allowed) {
        if (values == null) {
            return;
        }
        size(errors, field, values.size());
        for (String v : values) {
            if (v == null || !allowed.contains(v)) {
                errors.add(new Problem.FieldError("segment." + field, "unknown value " + v + "; one of "
                        + new java.util.TreeSet<>(allowed)));
            }
        }
    }

    private static void size(List<Problem.FieldError> errors, String field, int size) {
        if (size > MAX_VALUES) {
            errors.add(new Problem.FieldError("segment." + field, "at most " + MAX_VALUES + " values"));
        }
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : values.stream().distinct().toList();
    }
}
