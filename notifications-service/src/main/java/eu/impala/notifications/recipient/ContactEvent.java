package eu.impala.notifications.recipient;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Tolerant reader of membership's contact events: how to address a person and what they consented to. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContactEvent(UUID memberId, UUID contactId, String name, String email, String language, String role,
                           Map<String, Boolean> consents) {

    public static final String ADDED = "eu.impala.membership.contact.added.v1";
    public static final String UPDATED = "eu.impala.membership.contact.updated.v1";
    public static final String REMOVED = "eu.impala.membership.contact.removed.v1";
    public static final String ERASED = "eu.impala.membership.contact.erased.v1";
}
