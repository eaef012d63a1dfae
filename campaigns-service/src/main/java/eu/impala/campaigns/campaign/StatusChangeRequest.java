package eu.impala.campaigns.campaign;

import jakarta.validation.constraints.NotNull;

/** Moves a campaign through its lifecycle. */
public record StatusChangeRequest(@NotNull(message = "the new status is required") CampaignStatus status) {
}
