package eu.impala.membership.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import eu.impala.membership.member.MembershipStatus;

/**
 * An association's references to a batch's keys, sorted by what a sync does with them: members it no longer
 * represents (moved), records confirmed unchanged without comparing them, and the rest, to load and compare.
 *
 * @param confirmed external id → member, for records whose reference still holds their digest at the member's
 *                  current version
 * @param moved     external ids whose reference is retired: the secretariat moved its member to another association
 *                  (or made it direct)
 * @param toCompare external ids of known members whose record may have changed
 */
public record SyncReferences(Map<String, UUID> confirmed, Set<String> moved, List<String> toCompare) {

    /** A reference as stored: what it last synced, and where its member stands now. */
    public record Stored(String externalId, UUID memberId, byte[] syncedFingerprint, Long syncedVersion, long version,
                         MembershipStatus status, UUID representedBy, boolean retired) {
    }

    /** Sorts {@code stored} against the batch's {@code digests} (external id → digest of the record sent). */
    public static SyncReferences of(UUID association, List<Stored> stored, Map<String, byte[]> digests) {
        Map<String, UUID> confirmed = new HashMap<>();
        Set<String> moved = new HashSet<>();
        List<String> toCompare = new ArrayList<>();
        for (Stored ref : stored) {
            if (ref.retired() || !association.equals(ref.representedBy())) {
                // this association's reference is retired: its record is neither applied nor a new member
                moved.add(ref.externalId());
            } else if (ref.syncedFingerprint() != null && Arrays.equals(ref.syncedFingerprint(), digests.get(ref.externalId()))
                    && ref.syncedVersion() != null && ref.syncedVersion() == ref.version()
                    && ref.status() != MembershipStatus.LAPSED) {
                confirmed.put(ref.externalId(), ref.memberId());
            } else {
                toCompare.add(ref.externalId());
            }
        }
        return new SyncReferences(confirmed, moved, toCompare);
    }

    /** How many of the batch's keys the association has a reference by, retired or not. */
    public int size() {
        return confirmed.size() + moved.size() + toCompare.size();
    }
}
