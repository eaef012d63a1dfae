package eu.impala.membership.sync;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import eu.impala.commons.problem.ProblemException;
import eu.impala.membership.member.Member;
import eu.impala.membership.member.MemberKind;
import eu.impala.membership.member.MembershipCategory;
import eu.impala.membership.member.MembershipStatus;

/** The sync's rules on what we hold, without a database: which records are unchanged, and the snapshot threshold. */
class SyncPlanTest {

    private static final UUID ASSOCIATION = UUID.randomUUID();
    private static final byte[] DIGEST = {1, 2, 3};
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aRecordIsConfirmedUnchangedOnlyWithItsDigestAtTheMembersVersionAndNotLapsedNorRetired() {
        UUID member = UUID.randomUUID();
        List<SyncReferences.Stored> stored = List.of(
                new SyncReferences.Stored("same", member, DIGEST, 3L, 3, MembershipStatus.ACTIVE, ASSOCIATION, false),
                new SyncReferences.Stored("edited", UUID.randomUUID(), DIGEST, 3L, 4, MembershipStatus.ACTIVE, ASSOCIATION, false),
                new SyncReferences.Stored("other", UUID.randomUUID(), new byte[] {9}, 3L, 3, MembershipStatus.ACTIVE, ASSOCIATION, false),
                new SyncReferences.Stored("lapsed", UUID.randomUUID(), DIGEST, 3L, 3, MembershipStatus.LAPSED, ASSOCIATION, false),
                new SyncReferences.Stored("never", UUID.randomUUID(), null, null, 1, MembershipStatus.ACTIVE, ASSOCIATION, false),
                new SyncReferences.Stored("moved", UUID.randomUUID(), DIGEST, 3L, 3, MembershipStatus.ACTIVE, UUID.randomUUID(), false),
                new SyncReferences.Stored("retired", UUID.randomUUID(), DIGEST, 3L, 3, MembershipStatus.ACTIVE, ASSOCIATION, true));
        Map<String, byte[]> digests = Map.of("same", DIGEST, "edited", DIGEST, "other", DIGEST, "lapsed", DIGEST,
                "never", DIGEST, "moved", DIGEST, "retired", DIGEST);
        SyncReferences references = SyncReferences.of(ASSOCIATION, stored, digests);
        assertEquals(Map.of("same", member), references.confirmed());
        assertEquals(Set.of("moved", "retired"), references.moved());
        assertEquals(List.of("edited", "other", "lapsed", "never"), references.toCompare());
    }

    @Test
    void aSnapshotLapsingMoreThanTheAllowedShareIsRefusedUnlessForced() {
        SyncPlan plan = snapshotOfFirst(8, 10);
        assertEquals(2, plan.lapsing);
        assertTrue(plan.thresholdExceeded());
        ProblemException refused = assertThrows(ProblemException.class, () -> plan.requireWithinThreshold(false));
        assertEquals(409, refused.status());
        assertEquals("snapshot-threshold", refused.slug());
        assertDoesNotThrow(() -> plan.requireWithinThreshold(true));
    }

    @Test
    void aSnapshotLapsingTheAllowedShareOrLessGoesAhead() {
        SyncPlan plan = snapshotOfFirst(9, 10);
        assertEquals(1, plan.lapsing);
        assertFalse(plan.thresholdExceeded());
        assertDoesNotThrow(() -> plan.requireWithinThreshold(false));
    }

    /** A snapshot listing, unchanged, the first {@code listed} of the association's {@code active} ACTIVE members. */
    private static SyncPlan snapshotOfFirst(int listed, int active) {
        List<SyncPlan.Existing> members = new ArrayList<>();
        Map<String, UUID> confirmed = new HashMap<>();
        List<SyncBatch.Entry> entries = new ArrayList<>();
        for (int i = 0; i < active; i++) {
            Member m = new Member();
            m.id = UUID.randomUUID();
            m.kind = MemberKind.COMPANY;
            m.category = MembershipCategory.REPRESENTED;
            m.representedBy = ASSOCIATION;
            m.status = MembershipStatus.ACTIVE;
            members.add(new SyncPlan.Existing("m" + i, m, List.of()));
            if (i < listed) {
                confirmed.put("m" + i, m.id);
                entries.add(new SyncBatch.Entry(i, null, "m" + i, null, List.of(), DIGEST, null));
            }
        }
        SyncReferences references = new SyncReferences(confirmed, Set.of(), List.of());
        return SyncPlan.of(ASSOCIATION, false, SyncMode.SNAPSHOT, 0.10, new SyncBatch(entries),
                new SyncPlan.Held(references, Map.of(), members), NOW);
    }
}
