package eu.impala.membership.member;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;

/**
 * The renewal date a member gets when it becomes ACTIVE again. Without a new date a LAPSED member kept the one that
 * lapsed it, and the next renewal check lapsed it again; so a re-activation always leaves the date after today.
 */
public final class Renewal {

    private Renewal() {
    }

    /**
     * The renewal date of a member that moves from {@code from} to ACTIVE on {@code today}: {@code given} when the
     * request names one (it must be after today, else a 422 problem); else, coming back from LAPSED or SUSPENDED,
     * the old date moved on by whole {@code period}s until it is after today (a LAPSED member without one is due one
     * period from today; a SUSPENDED one without one keeps none). An admission (APPLICANT) keeps its date.
     */
    public static LocalDate onActivation(MembershipStatus from, LocalDate old, LocalDate given, Period period,
                                         LocalDate today) {
        if (given != null) {
            if (!given.isAfter(today)) {
                throw invalid("renewalDueOn must be after today (" + today + "), or left out to move the old date "
                        + "on by whole membership periods");
            }
            return given;
        }
        if (from != MembershipStatus.LAPSED && from != MembershipStatus.SUSPENDED) {
            return old;
        }
        if (old == null) {
            return from == MembershipStatus.LAPSED ? today.plus(period) : null;
        }
        LocalDate next = old;
        for (int n = 1; !next.isAfter(today); n++) {
            next = old.plus(period.multipliedBy(n)); // from the old date each time: 31 Jan + 1 month stays at month ends
        }
        return next;
    }

    /** A renewal date may only come with a move to ACTIVE. */
    public static void requireActivation(MembershipStatus next, LocalDate given) {
        if (given != null && next != MembershipStatus.ACTIVE) {
            throw invalid("renewalDueOn is given only with a move to ACTIVE, not to " + next);
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(422, "invalid-renewal-date", "Unprocessable Content", detail,
                List.of(new Problem.FieldError("renewalDueOn", detail)));
    }
}
