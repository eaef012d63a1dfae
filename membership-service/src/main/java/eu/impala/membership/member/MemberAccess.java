package eu.impala.membership.member;

import java.util.UUID;

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
                || caller.actsForAssociation() && caller.roles().contains(eu.impala.commons.tenant.Role.ASSOCIATION_ADMIN)
                && caller.associationId().get().equals(member.representedBy)
                || caller.actsForMember() && caller.memberId().get().equals(member.id);
        if (!allowed) {
            throw ProblemException.forbidden("this token may not change member " + member.id);
        }
    }

    /**
     * Checks who may create or re-home a member with this profile: platform admins any; association staff only
     * members represented by their own association.
     */
    public static void requireMayRepresent(Caller caller, MemberProfile profile) {
        if (caller.isPlatformAdmin()) {
            return;
        }
        if (caller.actsForAssociation() && caller.associationId().get().equals(profile.representedBy())) {
            return;
        }
        throw ProblemException.forbidden(caller.actsForAssociation()
                ? "an association may only manage members it represents: set representedBy to "
                + caller.associationId().get()
                : "this token may not manage members");
    }
}
