package eu.impala.campaigns.campaign;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.validation.CountryCode;
import eu.impala.commons.validation.LanguageCode;

/** A campaign as an editor sends it (create and replace). */
public record CampaignRequest(
        @NotBlank(message = "a slug is required")
        @Size(max = 80)
        @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "lower-case letters, digits and single hyphens, e.g. fair-digital-deals")
        String slug,
        @NotBlank(message = "a title is required") @Size(max = 200) String title,
        @NotBlank(message = "a summary is required") @Size(max = 1000) String summary,
        @NotBlank(message = "a body is required") @Size(max = 100_000) String body,
        @LanguageCode String language,
        @Size(max = 30) Map<@NotNull @LanguageCode String, @NotNull @Valid Translation> translations,
        @NotNull(message = "a topic is required") CampaignTopic topic,
        @NotNull(message = "a kind is required") CampaignKind kind,
        @Positive @Max(1_000_000) Integer goal,
        @Valid EligibilityRequest eligibility,
        OffsetDateTime opensAt,
        OffsetDateTime closesAt) {

    /** Who may sign; absent lists admit everyone of that dimension. */
    public record EligibilityRequest(
            @Size(max = 3) Set<@NotNull @Pattern(regexp = "COMPANY|ARTIST|NATIONAL_ASSOCIATION",
                    message = "must be COMPANY, ARTIST or NATIONAL_ASSOCIATION") String> memberKinds,
            @Size(max = 3) Set<@NotNull @Pattern(regexp = "DIRECT|REPRESENTED|ASSOCIATE",
                    message = "must be DIRECT, REPRESENTED or ASSOCIATE") String> categories,
            @Size(max = 300) Set<@NotNull @CountryCode String> countries) {
    }

    public static final String DEFAULT_LANGUAGE = "en";

    /** The content, after the rules that span fields; 400 with every problem found. */
    public CampaignContent toContent() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (opensAt != null && closesAt != null && !closesAt.isAfter(opensAt)) {
            errors.add(new Problem.FieldError("closesAt", "must be after opensAt"));
        }
        String lang = language == null ? DEFAULT_LANGUAGE : language;
        if (translations != null && translations.containsKey(lang)) {
            errors.add(new Problem.FieldError("translations." + lang, "is the campaign's own language; "
                    + "its title and summary are the fields of the campaign itself"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the campaign is not consistent", errors);
        }
        Eligibility rules = eligibility == null ? new Eligibility(Set.of(), Set.of(), Set.of())
                : new Eligibility(eligibility.memberKinds(), eligibility.categories(), eligibility.countries());
        return new CampaignContent(slug, title.strip(), summary.strip(), body, lang,
                translations == null ? Map.of() : translations, topic, kind, goal, rules, opensAt, closesAt);
    }
}
