package eu.impala.campaigns.signature;

import java.util.List;
import java.util.UUID;

import eu.impala.campaigns.member.MemberSnapshot;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;

/**
 * Object-level rules for signatures: a member's staff act for their own member only, an association's staff for
 * the members it represents; whatever a URL or body names, nothing wider.
 */
final class SignatureAccess {

    private SignatureAccess() {
    }

    /**
     * The member a signing caller acts for: its own for member staff, the one named for association staff. Another
     * member named by member staff is 404, as when withdrawing: the same answer whether that member exists or not.
     */
    static UUID memberToSignFor(Caller caller, UUID requested) {
        if (caller.actsForMember()) {
            UUID own = caller.memberId().get();
            if (requested != null && !requested.equals(own)) {
                throw ProblemException.notFound("member " + requested + " (a member-admin signs for its own member only)");
            }
            return own;
        }
        if (caller.actsForAssociation()) {
            if (requested == null) {
                throw ProblemException.badRequest("name the member you sign for",
                        List.of(new Problem.FieldError("memberId", "required for an association-admin")));
            }
            return requested;
        }
        throw ProblemException.forbidden("only a member's or its association's staff sign for a member");
    }

    /**
     * Checks that the caller may act for {@code member} (null when campaigns does not know it); another
     * association's member is 404, as if it did not exist.
     */
    static MemberSnapshot actFor(Caller caller, UUID memberId, MemberSnapshot member) {
        if (caller.isPlatformAdmin()) {
            return require(member, memberId);
        }
        if (caller.actsForAssociation()) {
            if (member == null || !caller.associationId().get().equals(member.representedBy())) {
                throw ProblemException.notFound("member " + memberId);
            }
            return member;
        }
        if (caller.actsForMember() && caller.memberId().get().equals(memberId)) {
            if (member == null) {
                throw new ProblemException(422, "not-eligible", "Unprocessable Content", "member " + memberId
                        + " is not known to campaigns yet: its membership is still being registered; retry shortly");
            }
            return member;
        }
        throw ProblemException.notFound("member " + memberId);
    }

    /**
     * Platform admins see any known member's signatures; others only their own or represented members'. A member
     * campaigns does not know is 404 to everyone, the secretariat included.
     */
    static void mayRead(Caller caller, UUID memberId, MemberSnapshot member) {
        if (caller.isPlatformAdmin()) {
            require(member, memberId);
            return;
        }
        if (caller.actsForMember() && caller.memberId().get().equals(memberId)) {
            return;
        }
        if (caller.actsForAssociation() && member != null
                && caller.associationId().get().equals(member.representedBy())) {
            return;
        }
        throw ProblemException.notFound("member " + memberId);
    }

    private static MemberSnapshot require(MemberSnapshot member, UUID memberId) {
        if (member == null) {
            throw ProblemException.notFound("member " + memberId);
        }
        return member;
    }
}
