package eu.impala.notifications.rule;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Tolerant reader of the campaigns events notifications acts on: only the fields it uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CampaignEvent(UUID campaignId, String slug, String campaignSlug, String title, String summary,
                            String language, Map<String, Text> translations, Eligibility eligibility, Integer goal,
                            UUID memberId, String signedBy) {

    public static final String PUBLISHED = "eu.impala.campaigns.campaign.published.v1";
    public static final String GOAL_REACHED = "eu.impala.campaigns.campaign.goal-reached.v1";
    public static final String SIGNATURE_ADDED = "eu.impala.campaigns.signature.added.v1";
    public static final String SIGNATURE_WITHDRAWN = "eu.impala.campaigns.signature.withdrawn.v1";

    /** A translated title and summary. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Text(String title, String summary) {
    }

    /** Who may sign: empty lists admit all. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Eligibility(List<String> memberKinds, List<String> categories, List<String> countries) {
    }
}
