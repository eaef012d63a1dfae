package eu.impala.membership.member;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import eu.impala.commons.problem.Problem;

/**
 * What decides a member's standing at IMPALA, and is therefore the secretariat's alone: being a national
 * association, being a direct member, which association represents it, and the record of an association itself.
 * Campaign eligibility trusts these, so an association may keep them as they are but never change them.
 */
public final class Standing {

    private Standing() {
    }

    /**
     * What an association acting for itself may not decide in this change, as field errors (none: it may).
     *
     * @param association the association acting
     * @param member      the member changed, or null when it is created
     * @param before      its profile before, or null when it is created
     * @param after       the profile asked for
     */
    public static List<Problem.FieldError> reservedChanges(UUID association, UUID member, MemberProfile before,
                                                           MemberProfile after) {
        List<Problem.FieldError> reserved = new ArrayList<>();
        if (association.equals(member)) {
            reserved.add(new Problem.FieldError("representedBy", "this is the association's own record, which only "
                    + "the IMPALA secretariat changes"));
            return reserved;
        }
        if (changesTo(before, after, MemberProfile::kind, MemberKind.NATIONAL_ASSOCIATION)) {
            reserved.add(new Problem.FieldError("kind", "only the IMPALA secretariat makes a member a national "
                    + "association, or ends that"));
        }
        if (changesTo(before, after, MemberProfile::category, MembershipCategory.DIRECT)) {
            reserved.add(new Problem.FieldError("category", "only the IMPALA secretariat makes a member a direct "
                    + "member, or ends that"));
        }
        if (!association.equals(after.representedBy())) {
            reserved.add(new Problem.FieldError("representedBy", "only the IMPALA secretariat moves a member to "
                    + "another association; an association's members are represented by it: " + association));
        }
        return reserved;
    }

    /** Whether the field takes {@code reserved} as a new value, or leaves it: both are standing decided. */
    private static <T> boolean changesTo(MemberProfile before, MemberProfile after,
                                         java.util.function.Function<MemberProfile, T> field, T reserved) {
        T was = before == null ? null : field.apply(before);
        T will = field.apply(after);
        return !Objects.equals(was, will) && (reserved.equals(was) || reserved.equals(will));
    }
}
