package eu.impala.membership.member;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A member's profile as a client sends it to create or replace one; the fields' rules are {@link ProfileFields}'. */
public record MemberRequest(
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
        UUID representedBy,
        LocalDate joinedOn,
        LocalDate renewalDueOn) implements ProfileFields {

    /** The profile this request describes; a member represented by an association is REPRESENTED unless said. */
    public MemberProfile toProfile() {
        MembershipCategory effective = category != null ? category
                : representedBy != null ? MembershipCategory.REPRESENTED : MembershipCategory.DIRECT;
        return toProfile(effective, representedBy, joinedOn);
    }
}
