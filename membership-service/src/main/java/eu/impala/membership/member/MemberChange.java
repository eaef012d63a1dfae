package eu.impala.membership.member;

import java.util.List;

/** One change to a member, as history, the delta feed and the events all record it. */
public record MemberChange(Type type, Member after, MemberView before, List<String> changedFields, String reason) {

    /** What happened; the delta feed and history use the lower-case name. */
    public enum Type { CREATED, UPDATED, STATUS_CHANGED, ERASED }

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

    public String action() {
        return type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
