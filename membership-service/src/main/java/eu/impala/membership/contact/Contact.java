package eu.impala.membership.contact;

import java.time.Instant;
import java.util.UUID;

/** A contact person as stored: identity, owner, data and version. */
public record Contact(UUID id, UUID memberId, ContactData data, long version, Instant createdAt, Instant updatedAt) {

    public Contact withData(ContactData next, Instant now) {
        return new Contact(id, memberId, next, version + 1, createdAt, now);
    }
}
