package eu.impala.membership.sync;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import eu.impala.commons.validation.CountryCode;
import eu.impala.membership.member.MemberKind;
import eu.impala.membership.member.MembershipCategory;
import eu.impala.membership.member.SizeClass;

/** One member in an association's list, keyed by the association's own {@code externalId}. */
public record SyncRecord(
        @NotBlank @Size(max = 100) String externalId,
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
        LocalDate joinedOn,
        LocalDate renewalDueOn,
        @Size(max = 50) List<@Valid SyncContact> contacts) {
}
