package eu.impala.membership.member;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A lifecycle transition and why it is made (kept in the member's history). */
public record StatusChangeRequest(@NotNull MembershipStatus status, @NotBlank @Size(max = 1000) String reason) {
}
