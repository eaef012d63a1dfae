package eu.impala.campaigns.campaign;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import eu.impala.commons.outbox.OutgoingEvent;

/**
 * The events of the campaign aggregate on {@code campaigns.campaigns.v1}, keyed by campaign id; their JSON
 * Schemas are in {@code src/main/resources/schemas}.
 */
public final class CampaignEvents {

    public static final String TOPIC = "campaigns.campaigns.v1";
    public static final String PUBLISHED = "eu.impala.campaigns.campaign.published.v1";
    public static final String CLOSED = "eu.impala.campaigns.campaign.closed.v1";
    public static final String GOAL_REACHED = "eu.impala.campaigns.campaign.goal-reached.v1";

    private CampaignEvents() {
    }

    /** Who may sign, as the published event tells notifications whom to invite. */
    public record EligibilityData(Set<String> memberKinds, Set<String> categories, Set<String> countries) {
    }

    /** A campaign is open for signatures: everything needed to announce it in each reader's language. */
    public record CampaignPublished(UUID campaignId, String slug, String title, String summary, String language,
                                    Map<String, Translation> translations, CampaignTopic topic, CampaignKind kind,
                                    Integer goal, EligibilityData eligibility, OffsetDateTime publishedAt,
                                    OffsetDateTime closesAt) {
    }

    /** A campaign stopped taking signatures, with its final count. */
    public record CampaignClosed(UUID campaignId, String slug, OffsetDateTime closedAt, int signatureCount) {
    }

    /** The count of signatories first reached the goal; published once per campaign. */
    public record GoalReached(UUID campaignId, String slug, int goal, int signatureCount, OffsetDateTime reachedAt) {
    }

    public static OutgoingEvent published(Campaign c) {
        Eligibility e = c.eligibility();
        return new OutgoingEvent(TOPIC, PUBLISHED, c.id().toString(), new CampaignPublished(c.id(), c.slug(), c.title(),
                c.summary(), c.language(), c.translations(), c.topic(), c.kind(), c.goal(),
                new EligibilityData(e.kinds(), e.categories(), e.countries()), c.publishedAt(), c.closesAt()));
    }

    public static OutgoingEvent closed(Campaign c) {
        return new OutgoingEvent(TOPIC, CLOSED, c.id().toString(),
                new CampaignClosed(c.id(), c.slug(), c.closedAt(), c.signatureCount()));
    }

    public static OutgoingEvent goalReached(UUID campaignId, String slug, int goal, int count, OffsetDateTime at) {
        return new OutgoingEvent(TOPIC, GOAL_REACHED, campaignId.toString(),
                new GoalReached(campaignId, slug, goal, count, at));
    }
}
