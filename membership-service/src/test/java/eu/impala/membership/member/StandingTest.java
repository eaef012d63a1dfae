package eu.impala.membership.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import eu.impala.commons.problem.Problem;

/** What an association may not decide about its members' standing, without a database. */
class StandingTest {

    private static final UUID FR = UUID.randomUUID();
    private static final UUID MEMBER = UUID.randomUUID();

    static MemberProfile profile(MemberKind kind, MembershipCategory category, UUID representedBy) {
        return new MemberProfile(kind, "Label SAS", "Label", "FR", null, null, null, null, null, category,
                representedBy, null, null);
    }

    private static List<String> fields(List<Problem.FieldError> errors) {
        return errors.stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void anAssociationChangesItsMembersOrdinaryFieldsFreely() {
        MemberProfile before = profile(MemberKind.COMPANY, MembershipCategory.REPRESENTED, FR);
        MemberProfile after = new MemberProfile(MemberKind.ARTIST, "Other SAS", "Other", "BE", null, null, 4, null,
                null, MembershipCategory.ASSOCIATE, FR, null, null);
        assertTrue(Standing.reservedChanges(FR, MEMBER, before, after).isEmpty());
        assertTrue(Standing.reservedChanges(FR, null, null, after).isEmpty());
    }

    @Test
    void anAssociationCannotMakeAMemberANationalAssociationNorEndThat() {
        assertEquals(List.of("kind"), fields(Standing.reservedChanges(FR, null, null,
                profile(MemberKind.NATIONAL_ASSOCIATION, MembershipCategory.REPRESENTED, FR))));
        assertEquals(List.of("kind"), fields(Standing.reservedChanges(FR, MEMBER,
                profile(MemberKind.NATIONAL_ASSOCIATION, MembershipCategory.REPRESENTED, FR),
                profile(MemberKind.COMPANY, MembershipCategory.REPRESENTED, FR))));
    }

    @Test
    void anAssociationCannotMakeAMemberDirectNorEndThat() {
        assertEquals(List.of("category"), fields(Standing.reservedChanges(FR, MEMBER,
                profile(MemberKind.COMPANY, MembershipCategory.REPRESENTED, FR),
                profile(MemberKind.COMPANY, MembershipCategory.DIRECT, FR))));
        assertEquals(List.of("category"), fields(Standing.reservedChanges(FR, MEMBER,
                profile(MemberKind.COMPANY, MembershipCategory.DIRECT, FR),
                profile(MemberKind.COMPANY, MembershipCategory.REPRESENTED, FR))));
    }

    @Test
    void anAssociationKeepsWhatTheSecretariatDecidedAsItIs() {
        MemberProfile decided = profile(MemberKind.NATIONAL_ASSOCIATION, MembershipCategory.DIRECT, FR);
        assertTrue(Standing.reservedChanges(FR, MEMBER, decided, decided).isEmpty());
    }

    @Test
    void anAssociationCannotMoveAMemberToAnotherAssociationOrToNone() {
        MemberProfile before = profile(MemberKind.COMPANY, MembershipCategory.REPRESENTED, FR);
        assertEquals(List.of("representedBy"), fields(Standing.reservedChanges(FR, MEMBER, before,
                profile(MemberKind.COMPANY, MembershipCategory.REPRESENTED, UUID.randomUUID()))));
        assertEquals(List.of("representedBy"), fields(Standing.reservedChanges(FR, MEMBER, before,
                profile(MemberKind.COMPANY, MembershipCategory.REPRESENTED, null))));
    }

    @Test
    void anAssociationCannotChangeItsOwnRecordEvenToTheSameStanding() {
        MemberProfile own = profile(MemberKind.NATIONAL_ASSOCIATION, MembershipCategory.DIRECT, null);
        List<Problem.FieldError> reserved = Standing.reservedChanges(FR, FR, own,
                profile(MemberKind.NATIONAL_ASSOCIATION, MembershipCategory.DIRECT, FR));
        assertEquals(1, reserved.size());
        assertTrue(reserved.get(0).message().contains("own record"), reserved.toString());
    }
}
