package eu.impala.campaigns.signature;

import java.util.UUID;

import jakarta.validation.constraints.Size;

/**
 * A signature as a member's or an association's staff gives it. {@code memberId} may be left out by a
 * member-admin (its own member is meant); an association-admin names the member it signs for.
 */
public record SignatureRequest(UUID memberId,
                               @Size(max = 2000) String comment,
                               @Size(max = 4000) String pledge,
                               Boolean showName) {
}
