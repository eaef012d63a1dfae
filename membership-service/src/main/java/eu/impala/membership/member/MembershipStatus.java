package eu.impala.membership.member;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a member stands: {@code APPLICANT → ACTIVE ⇄ SUSPENDED}, {@code ACTIVE → LAPSED} when the renewal is
 * overdue, {@code LAPSED → ACTIVE} on renewal, and any → {@code TERMINATED}, which is final.
 */
public enum MembershipStatus {
    APPLICANT,
    ACTIVE,
    SUSPENDED,
    LAPSED,
    TERMINATED;

    /** The statuses this one may move to. */
    public Set<MembershipStatus> allowedNext() {
        return switch (this) {
            case APPLICANT -> EnumSet.of(ACTIVE, TERMINATED);
            case ACTIVE -> EnumSet.of(SUSPENDED, LAPSED, TERMINATED);
            case SUSPENDED -> EnumSet.of(ACTIVE, TERMINATED);
            case LAPSED -> EnumSet.of(ACTIVE, TERMINATED);
            case TERMINATED -> EnumSet.noneOf(MembershipStatus.class);
        };
    }

    public boolean canBecome(MembershipStatus next) {
        return allowedNext().contains(next);
    }
}
