package eu.impala.membership.contact;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A contact as the API shows it. */
public record ContactView(UUID id, UUID memberId, String name, String email, @Schema(nullable = true) String phone,
                          ContactRole role, String language, Map<String, Consent> consents, long version) {

    public static ContactView of(Contact c) {
        ContactData d = c.data();
        return new ContactView(c.id(), c.memberId(), d.name(), d.email(), d.phone(), d.role(), d.language(),
                d.consents(), c.version());
    }
}
