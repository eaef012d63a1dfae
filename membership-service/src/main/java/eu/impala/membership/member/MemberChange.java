package eu.impala.membership.member;

import java.util.List;

/** One change to a member, as history, the delta feed and the events all record it. */
public record MemberChange(Type type, Member after, MemberView before, List<String> changedFields, String reason,
                           java.util.UUID mergedFrom) {

    public MemberChange(Type type, Member after, MemberView before, List<String> changedFields, String reason) {
        this(type, after, before, changedFields, reason, null);
    }

    /** What happened; the delta feed and history use the lower-case name. */
    public enum Type { CREATED, UPDATED, STATUS_CHANGED, ERASED, MERGED }

    public static MemberChange created(Member member) {
        return new MemberChange(Type.CREATED, member, null, List.of(), null);
    }

    public static MemberChange updated(Member member, MemberView before, List<String> changed) {
        return new MemberChange(Type.UPDATED, member, before, changed, null);
    }

    public static MemberChange statusChanged(Member member, MemberView before, String reason) {
        return statusChanged(member, before, reason, List.of("status"));
    }

    /** A status change that changed other fields with it (a renewal's new date). */
    public static MemberChange statusChanged(Member member, MemberView before, String reason, List<String> changed) {
        return new MemberChange(Type.STATUS_CHANGED, member, before, List.copyOf(changed), reason);
    }

    public static MemberChange erased(Member member, MemberView before) {
        return new MemberChange(Type.ERASED, member, before, List.of(), null);
    }

    /**
     * A merge, on both members: the duplicate's (status MERGED, mergedInto) and the survivor's (mergedFrom; its
     * profile stays). The reason names the other member.
     */
    public static MemberChange mergedAway(Member duplicate, MemberView before, String reason) {
        return new MemberChange(Type.MERGED, duplicate, before, MemberView.MERGED_FIELDS, reason);
    }

    /** The survivor's side: {@code duplicate} merged into it (its history shows mergedFrom). */
    public static MemberChange mergedInto(Member survivor, MemberView before, java.util.UUID duplicate, String reason) {
        return new MemberChange(Type.MERGED, survivor, before, List.of(), reason, duplicate);
    }

    /**
     * The change as the delta feed names it. A merge is a status change of the duplicate (to MERGED) and an update of
     * the survivor, so a feed's reader needs no new kind of entry to follow it.
     */
    public String action() {
        if (type == Type.MERGED) {
            return after.status == MembershipStatus.MERGED ? "status-changed" : "updated";
        }
        return historyAction();
    }

    /** The change as the member's history names it: a merge is "merged" on both members. */
    public String historyAction() {
        return type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
