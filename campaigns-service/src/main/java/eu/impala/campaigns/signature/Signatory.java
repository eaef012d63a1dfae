package eu.impala.campaigns.signature;

import java.time.OffsetDateTime;

/** A signatory on the public list: only members that agreed to be named, and never an erased one. */
public record Signatory(String displayName, String country, String memberKind, OffsetDateTime signedAt) {
}
