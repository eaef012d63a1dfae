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

/**
 * The profile fields a client sends, with their rules: one set for a member request and a sync record alike.
 *
 * <p>A record cannot inherit annotations on its components, but Bean Validation and the OpenAPI scanner both take
 * a constrained getter's rules as its property's: the rules sit on these getters, the records only implement the
 * plain accessors.
 */
public interface ProfileFields {

    MemberKind kind();

    String legalName();

    String displayName();

    String country();

    String website();

    String vatNumber();

    Integer headcount();

    BigDecimal turnoverEur();

    SizeClass sizeClass();

    MembershipCategory category();

    LocalDate joinedOn();

    LocalDate renewalDueOn();

    @NotNull
    default MemberKind getKind() {
        return kind();
    }

    @NotBlank
    @Size(max = 200)
    default String getLegalName() {
        return legalName();
    }

    @NotBlank
    @Size(max = 200)
    default String getDisplayName() {
        return displayName();
    }

    @NotNull
    @CountryCode
    default String getCountry() {
        return country();
    }

    @Size(max = 300)
    @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
    default String getWebsite() {
        return website();
    }

    @Size(max = 30)
    @Pattern(regexp = "[A-Za-z0-9 .\\-]+", message = "letters, digits, spaces, dots and dashes only")
    default String getVatNumber() {
        return vatNumber();
    }

    @PositiveOrZero
    @Max(10_000_000)
    default Integer getHeadcount() {
        return headcount();
    }

    @DecimalMin("0")
    default BigDecimal getTurnoverEur() {
        return turnoverEur();
    }

    /** The profile these fields describe, names and VAT number without the spaces around them. */
    default MemberProfile toProfile(MembershipCategory effectiveCategory, UUID representedBy, LocalDate effectiveJoinedOn) {
        return new MemberProfile(kind(), legalName().strip(), displayName().strip(), country(), website(),
                vatNumber() == null ? null : vatNumber().strip(), headcount(), turnoverEur(), sizeClass(),
                effectiveCategory, representedBy, effectiveJoinedOn, renewalDueOn());
    }
}
