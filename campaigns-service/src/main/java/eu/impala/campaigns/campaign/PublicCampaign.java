package eu.impala.campaigns.campaign;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A published or closed campaign as the public sees it, in the reader's language where it has one. The body
 * is only on the detail page, in the campaign's own language ({@code bodyLanguage}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublicCampaign(UUID id, String slug, String language, String title, String summary, String body,
                             String bodyLanguage, CampaignTopic topic, CampaignKind kind, CampaignStatus status,
                             Integer goal, int signatureCount, boolean goalReached, OffsetDateTime publishedAt,
                             OffsetDateTime closesAt, OffsetDateTime closedAt, Eligibility eligibility) {

    static PublicCampaign of(Campaign c, Campaign.Localized text, boolean withBody) {
        return new PublicCampaign(c.id(), c.slug(), text.language(), text.title(), text.summary(),
                withBody ? c.body() : null, withBody ? c.language() : null, c.topic(), c.kind(), c.status(), c.goal(),
                c.signatureCount(), c.goalReachedAt() != null, c.publishedAt(), c.closesAt(), c.closedAt(),
                c.eligibility());
    }
}
