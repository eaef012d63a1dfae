package eu.impala.membership.member;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import eu.impala.membership.duplicate.DuplicateWarning;

/** A member as the API shows it; a profile field not given is null. */
public record MemberView(UUID id, MemberKind kind, String legalName, String displayName, String country,
                         @Schema(nullable = true) String website,
                         @Schema(nullable = true) String vatNumber,
                         @Schema(nullable = true) Integer headcount,
                         @Schema(nullable = true) BigDecimal turnoverEur,
                         @Schema(nullable = true, description = "From headcount and turnover, or as declared; null "
                                 + "when neither is known") SizeClass sizeClass,
                         MembershipCategory category,
                         @Schema(nullable = true, description = "The national association that represents the member; "
                                 + "null for a direct member") UUID representedBy,
                         MembershipStatus status,
                         @Schema(nullable = true) LocalDate joinedOn,
                         @Schema(nullable = true) LocalDate renewalDueOn,
                         Instant createdAt, Instant updatedAt,
                         @Schema(description = "Bumped by each change; the ETag") long version,
                         @JsonInclude(JsonInclude.Include.NON_NULL)
                         @Schema(description = "Only for a MERGED member: the member it was merged into, which holds "
                                 + "its references and contacts now") UUID mergedInto,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY)
                         @Schema(description = "Only in the answer to a registration, when it looks like a member "
                                 + "of another association or a direct member: registered all the same")
                         List<DuplicateWarning> warnings) {

    /** The fields of a member's profile, by their API names, in the order history lists them. */
    public static final java.util.List<String> PROFILE_FIELDS = java.util.List.of("kind", "legalName", "displayName",
            "country", "website", "vatNumber", "headcount", "turnoverEur", "sizeClass", "category", "representedBy",
            "status", "joinedOn", "renewalDueOn");
    /** The fields a merge changes on the duplicate, as its history and feed show them. */
    public static final java.util.List<String> MERGED_FIELDS = java.util.List.of("status", "mergedInto");

    public static MemberView of(Member m) {
        return new MemberView(m.id, m.kind, m.legalName, m.displayName, m.country, m.website, m.vatNumber,
                m.headcount, m.turnoverEur, m.sizeClass, m.category, m.representedBy, m.status, m.joinedOn,
                m.renewalDueOn, m.createdAt, m.updatedAt, m.version, m.mergedInto, null);
    }

    /** The member as registered, with the warning of a possible duplicate (null: none). */
    public static MemberView registered(Member m, DuplicateWarning warning) {
        MemberView view = of(m);
        return warning == null ? view : new MemberView(view.id, view.kind, view.legalName, view.displayName,
                view.country, view.website, view.vatNumber, view.headcount, view.turnoverEur, view.sizeClass,
                view.category, view.representedBy, view.status, view.joinedOn, view.renewalDueOn, view.createdAt,
                view.updatedAt, view.version, view.mergedInto, List.of(warning));
    }

    /** The value of a field by its API name, for change events and history. */
    Object field(String name) {
        return switch (name) {
            case "kind" -> kind;
            case "legalName" -> legalName;
            case "displayName" -> displayName;
            case "country" -> country;
            case "website" -> website;
            case "vatNumber" -> vatNumber;
            case "headcount" -> headcount;
            case "turnoverEur" -> turnoverEur;
            case "sizeClass" -> sizeClass;
            case "category" -> category;
            case "representedBy" -> representedBy;
            case "status" -> status;
            case "joinedOn" -> joinedOn;
            case "renewalDueOn" -> renewalDueOn;
            case "mergedInto" -> mergedInto;
            default -> throw new IllegalArgumentException("unknown member field " + name);
        };
    }
}
