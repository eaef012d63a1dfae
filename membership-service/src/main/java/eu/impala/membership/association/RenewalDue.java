package eu.impala.membership.association;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An ACTIVE member of an association whose renewal falls due soon, or fell due and is in its grace period: what the
 * association needs to chase the renewal, its display name and no more.
 *
 * @param daysLeft days from today (UTC) to the renewal date; negative once it is overdue
 */
public record RenewalDue(UUID memberId, String displayName, LocalDate renewalDueOn,
                         @Schema(description = "Days from today (UTC) to the renewal date; negative once overdue")
                         int daysLeft,
                         @Schema(description = "The member in this API") String href) {
}
