package eu.impala.membership.member;

import static eu.impala.membership.member.MembershipStatus.ACTIVE;
import static eu.impala.membership.member.MembershipStatus.APPLICANT;
import static eu.impala.membership.member.MembershipStatus.LAPSED;
import static eu.impala.membership.member.MembershipStatus.SUSPENDED;
import static eu.impala.membership.member.MembershipStatus.TERMINATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class MembershipStatusTest {

    @Test
    void anApplicantIsAdmittedOrTerminated() {
        assertEquals(EnumSet.of(ACTIVE, TERMINATED), APPLICANT.allowedNext());
    }

    @Test
    void anActiveMemberCanBeSuspendedAndReinstated() {
        assertTrue(ACTIVE.canBecome(SUSPENDED));
        assertTrue(SUSPENDED.canBecome(ACTIVE));
    }

    @Test
    void onlyAnActiveMemberLapsesAndALapsedOneRenewsToActive() {
        assertTrue(ACTIVE.canBecome(LAPSED));
        assertFalse(SUSPENDED.canBecome(LAPSED));
        assertFalse(APPLICANT.canBecome(LAPSED));
        assertEquals(EnumSet.of(ACTIVE, TERMINATED), LAPSED.allowedNext());
    }

    @Test
    void terminationIsReachableFromEverywhereAndFinal() {
        for (MembershipStatus s : EnumSet.complementOf(EnumSet.of(TERMINATED, MembershipStatus.MERGED))) {
            assertTrue(s.canBecome(TERMINATED), s + " -> TERMINATED");
        }
        assertTrue(TERMINATED.allowedNext().isEmpty());
    }

    @Test
    void aMergedMemberMovesNowhereAndNoStatusChangeMakesOne() {
        assertTrue(MembershipStatus.MERGED.allowedNext().isEmpty());
        for (MembershipStatus s : MembershipStatus.values()) {
            assertFalse(s.canBecome(MembershipStatus.MERGED), s + " -> MERGED is a merge's alone");
            assertEquals(s != MembershipStatus.MERGED, s.isMembership(), s.name());
        }
    }

    @Test
    void noStatusMovesToItself() {
        for (MembershipStatus s : MembershipStatus.values()) {
            assertFalse(s.canBecome(s), s.name());
        }
    }
}
