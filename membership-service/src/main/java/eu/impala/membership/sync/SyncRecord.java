package eu.impala.membership.sync;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import eu.impala.membership.member.MemberKind;
import eu.impala.membership.member.MembershipCategory;
import eu.impala.membership.member.ProfileFields;
import eu.impala.membership.member.SizeClass;

/**
 * One member in an association's list, keyed by the association's own {@code externalId}; the profile fields'
 * rules are {@link ProfileFields}', the same as a member request's.
 */
public record SyncRecord(
        @NotBlank @Size(max = 100) String externalId,
        MemberKind kind,
        String legalName,
        String displayName,
        String country,
        String website,
        String vatNumber,
        Integer headcount,
        BigDecimal turnoverEur,
        SizeClass sizeClass,
        MembershipCategory category,
        LocalDate joinedOn,
        LocalDate renewalDueOn,
        @Size(max = 50) List<@Valid SyncContact> contacts) implements ProfileFields {
}
