package eu.impala.notifications.recipient;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Tolerant reader of membership's member events: the fields notifications needs, nothing else. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MembershipEvent(UUID memberId, String kind, String displayName, String country, String category,
                              UUID representedBy, String status, String from, String to, Map<String, Object> changes,
                              String renewalDueOn, Integer daysBefore, String sizeClass) {

    public static final String REGISTERED = "eu.impala.membership.member.registered.v1";
    public static final String UPDATED = "eu.impala.membership.member.updated.v1";
    public static final String STATUS_CHANGED = "eu.impala.membership.member.status-changed.v1";
    public static final String ERASED = "eu.impala.membership.member.erased.v1";
    public static final String RENEWAL_DUE = "eu.impala.membership.member.renewal-due.v1";
}
