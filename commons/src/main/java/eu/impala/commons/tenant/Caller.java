package eu.impala.commons.tenant;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import eu.impala.commons.problem.ProblemException;

/**
 * Who is calling, as the verified token says: subject, roles and the association or member it is bound to.
 * Object-level rules start here: an id in a URL or body never widens what this allows.
 */
public record Caller(String subject, Set<String> roles, Optional<UUID> associationId, Optional<UUID> memberId) {

    public static final Caller ANONYMOUS = new Caller("anonymous", Set.of(), Optional.empty(), Optional.empty());

    public boolean isPlatformAdmin() {
        return roles.contains(Role.PLATFORM_ADMIN);
    }

    /** An association's staff or its sync system: bound to the association of its token. */
    public boolean actsForAssociation() {
        return !isPlatformAdmin() && (roles.contains(Role.ASSOCIATION_ADMIN) || roles.contains(Role.SYNC_CLIENT))
                && associationId.isPresent();
    }

    public boolean actsForMember() {
        return !isPlatformAdmin() && roles.contains(Role.MEMBER_ADMIN) && memberId.isPresent();
    }

    /**
     * Checks that the caller may act for the association named in a URL: platform admins for any, an
     * association's staff and systems for their own only (403 otherwise: the URL names a tenant that is
     * not theirs).
     */
    public void requireAssociation(UUID associationInUrl) {
        if (isPlatformAdmin()) {
            return;
        }
        if (actsForAssociation() && associationId.get().equals(associationInUrl)) {
            return;
        }
        throw ProblemException.forbidden("this token may not act for association " + associationInUrl);
    }

    /** The actor recorded in history and transitions: the token's subject. */
    public String actor() {
        return subject;
    }
}
