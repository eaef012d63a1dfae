package eu.impala.membership.contact;

import java.time.Instant;

/** A contact's answer for one purpose (campaigns, newsletters...): granted or not, when, and where it came from. */
public record Consent(boolean granted, Instant at, String source) {
}
