package eu.impala.membership.member;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A lifecycle transition and why it is made (kept in the member's history). */
public record StatusChangeRequest(@NotNull MembershipStatus status, @NotBlank @Size(max = 1000) String reason,
                                  @Schema(nullable = true, description = "Only with status ACTIVE: the new renewal date, "
                                          + "after today. Left out on a return from LAPSED or SUSPENDED, the old date "
                                          + "moves on by whole membership periods until it is after today.")
                                  LocalDate renewalDueOn) {
}
