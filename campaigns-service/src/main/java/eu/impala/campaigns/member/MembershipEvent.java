package eu.impala.campaigns.member;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Tolerant reader of the membership member events: only the fields campaigns uses, anything else ignored,
 * so that membership may add fields without breaking us.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MembershipEvent(UUID memberId, String kind, String displayName, String country, String category,
                              UUID representedBy, String status, String sizeClass, String to,
                              Map<String, Object> changes, UUID survivorId) {

    public static final String REGISTERED = "eu.impala.membership.member.registered.v1";
    public static final String UPDATED = "eu.impala.membership.member.updated.v1";
    public static final String STATUS_CHANGED = "eu.impala.membership.member.status-changed.v1";
    public static final String ERASED = "eu.impala.membership.member.erased.v1";
    public static final String MERGED = "eu.impala.membership.member.merged.v1";
    /** The status a merged member has in membership, and in the read model from its member.merged on. */
    public static final String MERGED_STATUS = "MERGED";
}
