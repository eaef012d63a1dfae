package eu.impala.membership.contact;

import java.util.Map;
import java.util.UUID;

import eu.impala.commons.outbox.OutgoingEvent;

/**
 * Events of contacts on {@code membership.contacts.v1}, keyed by member id: what notifications needs to address
 * a person (name, email, language, consents) and nothing more.
 */
public final class ContactEvents {

    public static final String TOPIC = "membership.contacts.v1";
    public static final String ADDED = "eu.impala.membership.contact.added.v1";
    public static final String UPDATED = "eu.impala.membership.contact.updated.v1";
    public static final String REMOVED = "eu.impala.membership.contact.removed.v1";
    public static final String ERASED = "eu.impala.membership.contact.erased.v1";

    private ContactEvents() {
    }

    /** A contact as consumers see it: enough to write to the person, in their language, with their consents. */
    public record ContactSnapshot(UUID memberId, UUID contactId, String name, String email, String language,
                                  ContactRole role, Map<String, Boolean> consents) {
    }

    /** A contact is gone (removed, or erased under GDPR): consumers drop what they hold about it. */
    public record ContactGone(UUID memberId, UUID contactId) {
    }

    public static OutgoingEvent added(UUID memberId, UUID contactId, ContactData c) {
        return new OutgoingEvent(TOPIC, ADDED, memberId.toString(), snapshot(memberId, contactId, c));
    }

    public static OutgoingEvent updated(UUID memberId, UUID contactId, ContactData c) {
        return new OutgoingEvent(TOPIC, UPDATED, memberId.toString(), snapshot(memberId, contactId, c));
    }

    public static OutgoingEvent removed(UUID memberId, UUID contactId) {
        return new OutgoingEvent(TOPIC, REMOVED, memberId.toString(), new ContactGone(memberId, contactId));
    }

    public static OutgoingEvent erased(UUID memberId, UUID contactId) {
        return new OutgoingEvent(TOPIC, ERASED, memberId.toString(), new ContactGone(memberId, contactId));
    }

    private static ContactSnapshot snapshot(UUID memberId, UUID contactId, ContactData c) {
        return new ContactSnapshot(memberId, contactId, c.name(), c.email(), c.language(), c.role(),
                ContactData.answers(c.consents()));
    }
}
