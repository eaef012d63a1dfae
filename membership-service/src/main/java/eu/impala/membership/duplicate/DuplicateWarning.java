package eu.impala.membership.duplicate;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A record or registration that was accepted but looks like a member of another association, or a direct member.
 * An association learns only which keys matched: the other member's id reaches the secretariat alone.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(description = "The record or registration was accepted, but an existing member of another association or a "
        + "direct member shares a key with it; the IMPALA secretariat reviews it (GET /api/v1/members/duplicates)")
public record DuplicateWarning(
        @Schema(description = "Always possible-duplicate", examples = "possible-duplicate") String code,
        @Schema(description = "The keys it shares with them, strongest first") List<DuplicateReason> reasons,
        @Schema(description = "For the secretariat only: the ids of up to 5 members per reason that share a key") 
        List<UUID> memberIds) {

    public static final String CODE = "possible-duplicate";
}
