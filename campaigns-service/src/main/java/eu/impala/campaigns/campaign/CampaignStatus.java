package eu.impala.campaigns.campaign;

import java.util.EnumSet;
import java.util.Set;

/** Where a campaign stands: {@code DRAFT → PUBLISHED → CLOSED → ARCHIVED}; only a published one takes signatures. */
public enum CampaignStatus {
    DRAFT,
    PUBLISHED,
    CLOSED,
    ARCHIVED;

    /** The statuses this one may move to. */
    public Set<CampaignStatus> allowedNext() {
        return switch (this) {
            case DRAFT -> EnumSet.of(PUBLISHED);
            case PUBLISHED -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.of(ARCHIVED);
            case ARCHIVED -> EnumSet.noneOf(CampaignStatus.class);
        };
    }

    public boolean canBecome(CampaignStatus next) {
        return allowedNext().contains(next);
    }

    /** The public sees a campaign from its publication until it is archived. */
    public boolean isPublic() {
        return this == PUBLISHED || this == CLOSED;
    }

    /** Content may be corrected while a campaign is drafted or running, not once it has ended. */
    public boolean isEditable() {
        return this == DRAFT || this == PUBLISHED;
    }
}
