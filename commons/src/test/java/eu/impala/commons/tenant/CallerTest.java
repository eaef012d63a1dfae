package eu.impala.commons.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import eu.impala.commons.problem.ProblemException;

class CallerTest {

    private static final UUID FR = UUID.randomUUID();
    private static final UUID DE = UUID.randomUUID();

    @Test
    void anAssociationAdminMayActForItsOwnAssociationOnly() {
        Caller fr = new Caller("fr-admin", Set.of(Role.ASSOCIATION_ADMIN), Optional.of(FR), Optional.empty());
        fr.requireAssociation(FR);
        assertEquals(403, assertThrows(ProblemException.class, () -> fr.requireAssociation(DE)).status());
    }

    @Test
    void aSyncClientIsBoundLikeItsAssociation() {
        Caller sync = new Caller("service-account-sync-fr", Set.of(Role.SYNC_CLIENT), Optional.of(FR), Optional.empty());
        assertTrue(sync.actsForAssociation());
        assertThrows(ProblemException.class, () -> sync.requireAssociation(DE));
    }

    @Test
    void aRoleWithoutItsClaimReachesNoAssociation() {
        Caller unbound = new Caller("x", Set.of(Role.ASSOCIATION_ADMIN), Optional.empty(), Optional.empty());
        assertFalse(unbound.actsForAssociation());
        assertThrows(ProblemException.class, () -> unbound.requireAssociation(FR));
    }

    @Test
    void aPlatformAdminMayActForAnyAssociation() {
        Caller admin = new Caller("secretariat", Set.of(Role.PLATFORM_ADMIN), Optional.empty(), Optional.empty());
        admin.requireAssociation(FR);
        admin.requireAssociation(DE);
    }

    @Test
    void aMemberAdminActsForItsMemberNotForAnyAssociation() {
        UUID member = UUID.randomUUID();
        Caller label = new Caller("label-admin", Set.of(Role.MEMBER_ADMIN), Optional.empty(), Optional.of(member));
        assertTrue(label.actsForMember());
        assertThrows(ProblemException.class, () -> label.requireAssociation(FR));
    }
}
