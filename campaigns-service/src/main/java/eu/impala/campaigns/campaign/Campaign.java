package eu.impala.campaigns.campaign;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.impala.commons.problem.ProblemException;

/**
 * An advocacy campaign: its text (in its own language, title and summary also translated), what it is about,
 * who may sign it, its goal and where it stands in its lifecycle.
 */
public record Campaign(UUID id, String slug, String title, String summary, String body, String language,
                       Map<String, Translation> translations, CampaignTopic topic, CampaignKind kind,
                       CampaignStatus status, @Schema(nullable = true) Integer goal, Eligibility eligibility,
                       @Schema(nullable = true) OffsetDateTime opensAt,
                       @Schema(nullable = true) OffsetDateTime closesAt,
                       @Schema(nullable = true) OffsetDateTime publishedAt,
                       @Schema(nullable = true) OffsetDateTime closedAt,
                       @Schema(nullable = true) OffsetDateTime archivedAt,
                       @Schema(nullable = true) OffsetDateTime goalReachedAt, int signatureCount, long version,
                       OffsetDateTime createdAt, String createdBy, OffsetDateTime updatedAt) {

    public Campaign {
        translations = translations == null ? Map.of() : Map.copyOf(translations);
    }

    /** Title and summary in the language a reader asked for, with the language actually used. */
    public record Localized(String language, String title, String summary) {
    }

    /**
     * The first of the reader's languages (in order of preference) that this campaign has; its own language when
     * none matches.
     */
    public Localized localized(List<Locale.LanguageRange> preferences) {
        for (Locale.LanguageRange range : preferences) {
            if (range.getWeight() <= 0) {
                continue;
            }
            String wanted = range.getRange().toLowerCase(Locale.ROOT);
            String primary = wanted.contains("-") ? wanted.substring(0, wanted.indexOf('-')) : wanted;
            if (primary.equals(language)) {
                return new Localized(language, title, summary);
            }
            Translation t = translations.get(primary);
            if (t != null) {
                return new Localized(primary, t.title(), t.summary());
            }
        }
        return new Localized(language, title, summary);
    }

    /** This campaign moved to {@code next} at {@code now}; 409 naming the allowed moves when it may not. */
    public Campaign transitionTo(CampaignStatus next, OffsetDateTime now) {
        if (!status.canBecome(next)) {
            throw new ProblemException(409, "illegal-transition", "Conflict", "a " + status + " campaign cannot become "
                    + next + "; allowed: " + (status.allowedNext().isEmpty() ? "none (final)" : status.allowedNext()));
        }
        return new Campaign(id, slug, title, summary, body, language, translations, topic, kind, next, goal,
                eligibility, opensAt, closesAt,
                next == CampaignStatus.PUBLISHED ? now : publishedAt,
                next == CampaignStatus.CLOSED ? now : closedAt,
                next == CampaignStatus.ARCHIVED ? now : archivedAt,
                goalReachedAt, signatureCount, version + 1, createdAt, createdBy, now);
    }

    /** This campaign with corrected content; only while drafted or running, and the slug only while a draft. */
    public Campaign revisedTo(CampaignContent content, OffsetDateTime now) {
        if (!status.isEditable()) {
            throw ProblemException.conflict("a " + status + " campaign can no longer be changed");
        }
        if (status != CampaignStatus.DRAFT && !slug.equals(content.slug())) {
            throw ProblemException.conflict("the slug of a published campaign is its public address and cannot change");
        }
        return new Campaign(id, content.slug(), content.title(), content.summary(), content.body(), content.language(),
                content.translations(), content.topic(), content.kind(), status, content.goal(), content.eligibility(),
                content.opensAt(), content.closesAt(), publishedAt, closedAt, archivedAt, goalReachedAt,
                signatureCount, version + 1, createdAt, createdBy, now);
    }

    /** A new draft. */
    public static Campaign draft(UUID id, CampaignContent content, String createdBy, OffsetDateTime now) {
        return new Campaign(id, content.slug(), content.title(), content.summary(), content.body(), content.language(),
                content.translations(), content.topic(), content.kind(), CampaignStatus.DRAFT, content.goal(),
                content.eligibility(), content.opensAt(), content.closesAt(), null, null, null, null, 0, 1, now,
                createdBy, now);
    }

    /** True when the schedule says this campaign should open now. */
    public boolean dueToOpen(OffsetDateTime now) {
        return status == CampaignStatus.DRAFT && opensAt != null && !opensAt.isAfter(now);
    }

    /** True when the schedule says this campaign should close now. */
    public boolean dueToClose(OffsetDateTime now) {
        return status == CampaignStatus.PUBLISHED && closesAt != null && !closesAt.isAfter(now);
    }
}
