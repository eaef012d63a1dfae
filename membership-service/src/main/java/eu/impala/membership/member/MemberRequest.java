package eu.impala.membership.member;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import eu.impala.commons.validation.CountryCode;

/** A member's profile as a client sends it to create or replace one. */
public record MemberRequest(
        @NotNull MemberKind kind,
        @NotBlank @Size(max = 200) String legalName,
        @NotBlank @Size(max = 200) String displayName,
        @NotNull @CountryCode String country,
        @Size(max = 300) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String website,
        @Size(max = 30) @Pattern(regexp = "[A-Za-z0-9 .\\-]+", message = "letters, digits, spaces, dots and dashes only")
        String vatNumber,
        @PositiveOrZero @Max(10_000_000) Integer headcount,
        @DecimalMin("0") BigDecimal turnoverEur,
        SizeClass sizeClass,
        MembershipCategory category,
        UUID representedBy,
        LocalDate joinedOn,
        LocalDate renewalDueOn) {

    /** The profile this request describes; a member represented by an association is REPRESENTED unless said. */
    public MemberProfile toProfile() {
        MembershipCategory effective = category != null ? category
                : representedBy != null ? MembershipCategory.REPRESENTED : MembershipCategory.DIRECT;
        return new MemberProfile(kind, legalName.strip(), displayName.strip(), country, website,
                vatNumber == null ? null : vatNumber.strip(), headcount, turnoverEur, sizeClass, effective,
                representedBy, joinedOn, renewalDueOn);
    }
}
