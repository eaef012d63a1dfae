package eu.impala.membership.member;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.impala.commons.outbox.OutgoingEvent;

/**
 * The events of the member aggregate on {@code membership.members.v1}, keyed by member id. Their JSON Schemas
 * are in {@code src/main/resources/schemas}; they carry no personal data beyond a display name.
 */
public final class MemberEvents {

    public static final String TOPIC = "membership.members.v1";
    public static final String REGISTERED = "eu.impala.membership.member.registered.v1";
    public static final String UPDATED = "eu.impala.membership.member.updated.v1";
    public static final String STATUS_CHANGED = "eu.impala.membership.member.status-changed.v1";
    public static final String ERASED = "eu.impala.membership.member.erased.v1";
    public static final String RENEWAL_DUE = "eu.impala.membership.member.renewal-due.v1";
    public static final String MERGED = "eu.impala.membership.member.merged.v1";

    private MemberEvents() {
    }

    /** A member now exists; consumers build their read models from it. */
    public record MemberRegistered(UUID memberId, MemberKind kind, String displayName, String country,
                                   MembershipCategory category, UUID representedBy, MembershipStatus status,
                                   SizeClass sizeClass) {
    }

    /** Fields of a member changed: their names and new values. */
    public record MemberUpdated(UUID memberId, List<String> changedFields, Map<String, Object> changes) {
    }

    /** A lifecycle transition, with why. */
    public record MemberStatusChanged(UUID memberId, MembershipStatus from, MembershipStatus to, String reason) {
    }

    /** The member's personal data was erased here: every consumer deletes or anonymises what it holds. */
    public record MemberErased(UUID memberId) {
    }

    /**
     * The member's renewal falls due in {@code daysBefore} days: its primary contact is reminded. Sent once per member,
     * renewal date and reminder (see {@link RenewalReminders}).
     */
    public record MemberRenewalDue(UUID memberId, UUID representedBy, java.time.LocalDate renewalDueOn, int daysBefore) {
    }

    /**
     * The secretariat merged {@code duplicateId} into {@code survivorId}: whatever a consumer holds of the duplicate
     * (signatures, recipients) now belongs to the survivor. {@code memberId} is the duplicate, the event's key, as in
     * every member event; no personal data.
     */
    public record MemberMerged(UUID memberId, UUID duplicateId, UUID survivorId) {
    }

    public static OutgoingEvent merged(UUID duplicateId, UUID survivorId) {
        return new OutgoingEvent(TOPIC, MERGED, duplicateId.toString(), new MemberMerged(duplicateId, duplicateId, survivorId));
    }

    public static OutgoingEvent renewalDue(MemberRenewalDue due) {
        return new OutgoingEvent(TOPIC, RENEWAL_DUE, due.memberId().toString(), due);
    }

    public static OutgoingEvent registered(Member m) {
        return new OutgoingEvent(TOPIC, REGISTERED, m.id.toString(), new MemberRegistered(m.id, m.kind, m.displayName,
                m.country, m.category, m.representedBy, m.status, m.sizeClass));
    }

    public static OutgoingEvent updated(Member m, List<String> changed) {
        MemberView view = MemberView.of(m);
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (String field : changed) {
            if (!"contacts".equals(field)) {
                values.put(field, view.field(field)); // contacts travel on their own topic, not here
            }
        }
        return new OutgoingEvent(TOPIC, UPDATED, m.id.toString(), new MemberUpdated(m.id, changed, values));
    }

    public static OutgoingEvent statusChanged(Member m, MembershipStatus from, String reason) {
        return new OutgoingEvent(TOPIC, STATUS_CHANGED, m.id.toString(),
                new MemberStatusChanged(m.id, from, m.status, reason));
    }

    public static OutgoingEvent erased(UUID memberId) {
        return new OutgoingEvent(TOPIC, ERASED, memberId.toString(), new MemberErased(memberId));
    }
}
