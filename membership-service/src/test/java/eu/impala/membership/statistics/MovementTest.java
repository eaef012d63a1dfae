package eu.impala.membership.statistics;

import static eu.impala.membership.member.MembershipStatus.ACTIVE;
import static eu.impala.membership.member.MembershipStatus.APPLICANT;
import static eu.impala.membership.member.MembershipStatus.LAPSED;
import static eu.impala.membership.member.MembershipStatus.SUSPENDED;
import static eu.impala.membership.member.MembershipStatus.TERMINATED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class MovementTest {

    @Test
    void becomingActiveForTheFirstTimeIsAJoin() {
        assertEquals(Optional.of(Movement.JOIN), Movement.of(null, ACTIVE), "created ACTIVE by a sync");
        assertEquals(Optional.of(Movement.JOIN), Movement.of(APPLICANT, ACTIVE), "admitted");
    }

    @Test
    void becomingActiveAgainIsAReactivation() {
        assertEquals(Optional.of(Movement.REACTIVATION), Movement.of(LAPSED, ACTIVE));
        assertEquals(Optional.of(Movement.REACTIVATION), Movement.of(SUSPENDED, ACTIVE));
    }

    @Test
    void lapsesAndTerminationsCountWhateverTheStatusBefore() {
        assertEquals(Optional.of(Movement.LAPSE), Movement.of(ACTIVE, LAPSED));
        assertEquals(Optional.of(Movement.TERMINATION), Movement.of(APPLICANT, TERMINATED));
        assertEquals(Optional.of(Movement.TERMINATION), Movement.of(LAPSED, TERMINATED));
    }

    @Test
    void aNewApplicantOrASuspensionIsNoMovement() {
        assertEquals(Optional.empty(), Movement.of(null, APPLICANT));
        assertEquals(Optional.empty(), Movement.of(ACTIVE, SUSPENDED));
        assertEquals(Optional.empty(), Movement.of(ACTIVE, ACTIVE));
    }
}
