package eu.impala.campaigns.member;

import java.util.UUID;

/** A member as campaigns knows it from membership's events: what eligibility and counters need. */
public record MemberSnapshot(UUID memberId, String kind, String displayName, String country, String category,
                             UUID representedBy, String status, String sizeClass) {
}
