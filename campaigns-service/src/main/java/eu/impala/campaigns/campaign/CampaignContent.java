package eu.impala.campaigns.campaign;

import java.time.OffsetDateTime;
import java.util.Map;

/** What an editor writes of a campaign: everything except its lifecycle and counts. */
public record CampaignContent(String slug, String title, String summary, String body, String language,
                              Map<String, Translation> translations, CampaignTopic topic, CampaignKind kind,
                              Integer goal, Eligibility eligibility, OffsetDateTime opensAt, OffsetDateTime closesAt) {
}
