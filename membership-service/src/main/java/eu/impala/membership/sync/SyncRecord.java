package eu.impala.membership.sync;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import eu.impala.membership.member.MemberKind;
import eu.impala.membership.member.MembershipCategory;
import eu.impala.membership.member.ProfileFields;
import eu.impala.membership.member.SizeClass;

/**
 * One member in an association's list, keyed by the association's own {@code externalId}; the profile fields'
 * rules are {@link ProfileFields}', the same as a member request's. {@code memberId} names a member the association
 * represents without a key of its own yet (one the secretariat moved to it): the record adopts it under its
 * {@code externalId} instead of creating another.
 */
public record SyncRecord(
        @NotBlank @Size(max = 100) String externalId,
        UUID memberId,
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
