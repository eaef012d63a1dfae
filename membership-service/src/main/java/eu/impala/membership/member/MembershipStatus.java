package eu.impala.membership.member;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a member stands: {@code APPLICANT → ACTIVE ⇄ SUSPENDED}, {@code ACTIVE → LAPSED} when the renewal is
 * overdue, {@code LAPSED → ACTIVE} on renewal, and any → {@code TERMINATED}, which is final. {@code MERGED} is
 * final too and reached only by a merge ({@code MemberMerge}), never by a status change: the member was a duplicate
 * of another, which it names.
 */
public enum MembershipStatus {
    APPLICANT,
    ACTIVE,
    SUSPENDED,
    LAPSED,
    TERMINATED,
    MERGED;

    /** The statuses this one may move to. */
    public Set<MembershipStatus> allowedNext() {
        return switch (this) {
            case APPLICANT -> EnumSet.of(ACTIVE, TERMINATED);
            case ACTIVE -> EnumSet.of(SUSPENDED, LAPSED, TERMINATED);
            case SUSPENDED -> EnumSet.of(ACTIVE, TERMINATED);
            case LAPSED -> EnumSet.of(ACTIVE, TERMINATED);
            case TERMINATED, MERGED -> EnumSet.noneOf(MembershipStatus.class);
        };
    }

    /** The statuses a member counts as a member in: all but MERGED, which was another member's second record. */
    public boolean isMembership() {
        return this != MERGED;
    }

    public boolean canBecome(MembershipStatus next) {
        return allowedNext().contains(next);
    }
}
