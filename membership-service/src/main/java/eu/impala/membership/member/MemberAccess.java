package eu.impala.membership.member;

import java.util.List;
import java.util.UUID;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;

/**
 * Which members a caller may see: platform admins all; an association's staff and systems those it represents
 * (and its own record); a member's staff their own member. Anything else is "not found", so that ids of other
 * tenants' members reveal nothing.
 */
public final class MemberAccess {

    private MemberAccess() {
    }

    public static boolean canSee(Caller caller, Member member) {
        if (member == null || member.erasedAt != null && !caller.isPlatformAdmin()) {
            return false;
        }
        if (caller.isPlatformAdmin()) {
            return true;
        }
        if (caller.actsForAssociation()) {
            UUID association = caller.associationId().orElseThrow();
            return association.equals(member.representedBy) || association.equals(member.id);
        }
        if (caller.actsForMember()) {
            return caller.memberId().orElseThrow().equals(member.id);
        }
        return false;
    }

    /** The member if the caller may see it, else a 404 problem. */
    public static Member visible(Caller caller, Member member, UUID id) {
        if (!canSee(caller, member)) {
            throw ProblemException.notFound("member " + id);
        }
        return member;
    }

    /**
     * Checks that the caller may change this member's contacts: platform admins, the staff of the association
     * that represents it, and the member's own staff (403 otherwise; the member is visible to the caller).
     */
    public static void requireMayEdit(Caller caller, Member member) {
        boolean allowed = caller.isPlatformAdmin()
                // an association's own record, contacts included, is the secretariat's
                || caller.actsForAssociation() && !member.id.equals(caller.associationId().get()) && caller.roles().contains(eu.impala.commons.tenant.Role.ASSOCIATION_ADMIN)
                && caller.associationId().get().equals(member.representedBy)
                || caller.actsForMember() && caller.memberId().get().equals(member.id);
        if (!allowed) {
            throw ProblemException.forbidden("this token may not change member " + member.id);
        }
    }

    /**
     * Checks who may create or change a member with this profile: platform admins anything; association staff only
     * members represented by their own association, without deciding a member's standing ({@link Standing}), 403
     * naming the fields otherwise.
     *
     * @param before the member as it is, or null when it is created
     */
    public static void requireMayDecide(Caller caller, Member before, MemberProfile after) {
        if (caller.isPlatformAdmin()) {
            return;
        }
        if (!caller.actsForAssociation()) {
            throw ProblemException.forbidden("this token may not manage members");
        }
        UUID association = caller.associationId().get();
        List<Problem.FieldError> reserved = Standing.reservedChanges(association, before == null ? null : before.id,
                before == null ? null : before.profile(), after);
        if (!reserved.isEmpty()) {
            throw new ProblemException(403, "forbidden", "Forbidden", "this is for the IMPALA secretariat to decide: "
                    + reserved.stream().map(Problem.FieldError::field).distinct().toList(), reserved);
        }
    }
}
