package eu.impala.membership.member;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Which member to merge into the one in the URL, and the version of it the secretariat looked at: the survivor's
 * version travels in If-Match, the duplicate's here, so that a merge never acts on a member changed since it was read.
 */
public record MergeRequest(
        @NotNull(message = "name the member to merge into this one")
        @Schema(description = "The member merged away: it ends MERGED, naming the survivor") UUID duplicateId,
        @Schema(description = "The duplicate's ETag as read (its version); required: missing is 428, stale 412",
                nullable = true) Long duplicateVersion,
        @Size(max = 500, message = "at most 500 characters")
        @Schema(description = "Why, for both members' history; default \"duplicate of the same member\"",
                nullable = true) String reason) {

    public String reasonOrDefault() {
        return reason == null || reason.isBlank() ? "duplicate of the same member" : reason.strip();
    }
}
