package eu.impala.membership.statistics;

import java.util.Optional;

import eu.impala.membership.member.MembershipStatus;

/** What a change of status means for the membership's numbers: a member joined, lapsed, was terminated or came back. */
public enum Movement {
    JOIN, LAPSE, TERMINATION, REACTIVATION;

    /**
     * The movement of a status change, if it is one: becoming ACTIVE for the first time (created ACTIVE, or admitted
     * from APPLICANT) is a join; ACTIVE again after LAPSED or SUSPENDED a re-activation; becoming LAPSED a lapse and
     * TERMINATED a termination. A suspension, or a new applicant, moves none of these counts.
     *
     * @param before the status before the change, null when the member was created by it
     */
    public static Optional<Movement> of(MembershipStatus before, MembershipStatus after) {
        if (after == before || after == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (after) {
            case ACTIVE -> before == null || before == MembershipStatus.APPLICANT ? JOIN : REACTIVATION;
            case LAPSED -> LAPSE;
            case TERMINATED -> TERMINATION;
            // a merge takes a member's second record out of the counts from now on; its past moves stay counted
            case APPLICANT, SUSPENDED, MERGED -> null;
        });
    }
}
