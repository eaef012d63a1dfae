package eu.impala.membership.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import eu.impala.membership.member.Member;
import eu.impala.membership.member.MemberKind;
import eu.impala.membership.member.MembershipCategory;
import eu.impala.membership.member.MembershipStatus;

/** The sync's rules for moved members, adoption and what only the secretariat decides, without a database. */
class SyncMovesTest {

    private static final UUID DE = UUID.randomUUID();
    private static final byte[] DIGEST = {4, 2};
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final SyncReferences NO_REFERENCES = new SyncReferences(Map.of(), Set.of(), List.of());

    static Member member(String legalName, MembershipCategory category) {
        Member m = new Member();
        m.id = UUID.randomUUID();
        m.kind = MemberKind.COMPANY;
        m.legalName = legalName;
        m.displayName = legalName;
        m.country = "FR";
        m.category = category;
        m.representedBy = DE;
        m.status = MembershipStatus.ACTIVE;
        m.version = 3;
        return m;
    }

    static SyncRecord record(String key, UUID memberId, MemberKind kind, String legalName, MembershipCategory category) {
        return new SyncRecord(key, memberId, kind, legalName, legalName, "FR", null, null, null, null, null, category,
                null, null, List.of());
    }

    static SyncPlan plan(boolean secretariat, SyncMode mode, SyncPlan.Held held, SyncRecord... records) {
        List<SyncBatch.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < records.length; i++) {
            entries.add(new SyncBatch.Entry(i, null, records[i].externalId(), records[i], List.of(), DIGEST, null));
        }
        return SyncPlan.of(DE, secretariat, mode, 0.5, new SyncBatch(entries), held, NOW);
    }

    static SyncPlan.Held arrived(Member moved, String knownAs) {
        return new SyncPlan.Held(NO_REFERENCES, Map.of(), List.of(), new Arrivals(
                Map.of(moved.id, new SyncPlan.Existing(knownAs, moved, List.of())), knownAs == null ? List.of(moved) : List.of()));
    }

    @Test
    void aRecordNamingAMemberMovedToTheAssociationAdoptsItUnderItsOwnKeyInsteadOfCreatingAnother() {
        Member moved = member("Moving Label SAS", MembershipCategory.REPRESENTED);
        SyncPlan plan = plan(false, SyncMode.UPSERT, arrived(moved, null),
                record("DE-7", moved.id, MemberKind.COMPANY, "Moving Label SAS", null));
        assertEquals(SyncOutcome.Result.UNCHANGED, plan.outcomes.get(0).result());
        assertEquals(moved.id, plan.outcomes.get(0).memberId());
        assertTrue(plan.inserts.isEmpty());
        assertEquals(List.of("DE-7"), plan.syncedRefs.stream().map(SyncPlan.Synced::externalId).toList());
        assertEquals(moved.id, plan.syncedRefs.get(0).memberId());
    }

    @Test
    void aNewRecordThatLooksLikeAMemberMovedToTheAssociationIsRejectedNamingItRatherThanDuplicated() {
        Member moved = member("Moving Label SAS", MembershipCategory.REPRESENTED);
        SyncPlan plan = plan(false, SyncMode.UPSERT, arrived(moved, null),
                record("DE-7", null, MemberKind.COMPANY, "moving label sas", null));
        SyncOutcome outcome = plan.outcomes.get(0);
        assertEquals(SyncOutcome.Result.REJECTED, outcome.result());
        assertEquals("records[0].memberId", outcome.errors().get(0).field());
        assertTrue(outcome.errors().get(0).message().contains(moved.id.toString()), outcome.toString());
        assertTrue(plan.inserts.isEmpty());
    }

    @Test
    void aRecordCannotAdoptAMemberTheAssociationDoesNotRepresentNorOneItAlreadySyncs() {
        Member synced = member("Synced Label SAS", MembershipCategory.REPRESENTED);
        SyncPlan plan = plan(false, SyncMode.UPSERT, arrived(synced, "DE-1"),
                record("DE-8", UUID.randomUUID(), MemberKind.COMPANY, "Foreign SAS", null),
                record("DE-9", synced.id, MemberKind.COMPANY, "Synced Label SAS", null));
        assertEquals(List.of(SyncOutcome.Result.REJECTED, SyncOutcome.Result.REJECTED),
                plan.outcomes.stream().map(SyncOutcome::result).toList());
        assertTrue(plan.outcomes.get(0).errors().get(0).message().contains("represents no member"));
        assertTrue(plan.outcomes.get(1).errors().get(0).message().contains("DE-1"));
        assertTrue(plan.inserts.isEmpty() && plan.syncedRefs.isEmpty());
    }

    @Test
    void aSnapshotDoesNotLapseTheMemberItAdopts() {
        Member moved = member("Moving Label SAS", MembershipCategory.REPRESENTED);
        SyncPlan.Held held = new SyncPlan.Held(NO_REFERENCES, Map.of(),
                List.of(new SyncPlan.Existing(null, moved, List.of())),
                new Arrivals(Map.of(moved.id, new SyncPlan.Existing(null, moved, List.of())), List.of(moved)));
        SyncPlan plan = plan(false, SyncMode.SNAPSHOT, held,
                record("DE-7", moved.id, MemberKind.COMPANY, "Moving Label SAS", null));
        assertEquals(0, plan.lapsing);
        assertEquals(MembershipStatus.ACTIVE, moved.status);
    }

    @Test
    void anAssociationsSyncCannotCreateNationalAssociationsOrDirectMembers() {
        SyncPlan plan = plan(false, SyncMode.UPSERT, new SyncPlan.Held(NO_REFERENCES, Map.of(), List.of()),
                record("DE-1", null, MemberKind.NATIONAL_ASSOCIATION, "Verband", null),
                record("DE-2", null, MemberKind.COMPANY, "Direkt GmbH", MembershipCategory.DIRECT));
        assertEquals(List.of(SyncOutcome.Result.REJECTED, SyncOutcome.Result.REJECTED),
                plan.outcomes.stream().map(SyncOutcome::result).toList());
        assertEquals("records[0].kind", plan.outcomes.get(0).errors().get(0).field());
        assertEquals("records[1].category", plan.outcomes.get(1).errors().get(0).field());
        assertTrue(plan.inserts.isEmpty());
    }

    @Test
    void theSecretariatsSyncMayDecideStanding() {
        SyncPlan plan = plan(true, SyncMode.UPSERT, new SyncPlan.Held(NO_REFERENCES, Map.of(), List.of()),
                record("DE-1", null, MemberKind.NATIONAL_ASSOCIATION, "Verband", MembershipCategory.DIRECT));
        assertEquals(SyncOutcome.Result.CREATED, plan.outcomes.get(0).result());
        assertEquals(MembershipCategory.DIRECT, plan.inserts.get(0).category);
    }

    @Test
    void anAssociationsRecordWithoutCategoryKeepsAMemberTheSecretariatMadeDirectAndCannotUndoIt() {
        Member direct = member("Direkt GmbH", MembershipCategory.DIRECT);
        SyncPlan.Held held = new SyncPlan.Held(new SyncReferences(Map.of(), Set.of(), List.of("DE-1")),
                Map.of("DE-1", new SyncPlan.Existing("DE-1", direct, List.of())), List.of());
        SyncPlan keeps = plan(false, SyncMode.UPSERT, held, record("DE-1", null, MemberKind.COMPANY, "Direkt GmbH", null));
        assertEquals(SyncOutcome.Result.UNCHANGED, keeps.outcomes.get(0).result());
        SyncPlan undoes = plan(false, SyncMode.UPSERT, held,
                record("DE-1", null, MemberKind.COMPANY, "Direkt GmbH", MembershipCategory.REPRESENTED));
        assertEquals(SyncOutcome.Result.REJECTED, undoes.outcomes.get(0).result());
        assertEquals(MembershipCategory.DIRECT, direct.category);
    }
}
