package eu.impala.notifications.announcement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.notifications.notification.Templates;
import eu.impala.notifications.preference.Topic;

/**
 * An announcement as written: its topic, its text in one or more languages and its segment. The first language is
 * the default (English instead when it is given): contacts whose language the announcement lacks get that one.
 */
public record AnnouncementRequest(
        @Schema(required = true, enumeration = {"MEMBERSHIP", "NEWSLETTERS"}, description = "The preference topic its "
                + "emails belong to: NEWSLETTERS needs the contact's newsletters consent; MEMBERSHIP needs none.")
        String topic,
        @Schema(required = true, description = "Title and Markdown body per language (en, fr, de, es, it), at least one.")
        LinkedHashMap<String, Translation> translations,
        @Schema(description = "Whom it reaches; absent: every ACTIVE member's contacts.") Segment segment) {

    /** The topics an announcement may have: campaign news comes from campaigns only. */
    static final List<String> TOPICS = List.of(Topic.MEMBERSHIP.name(), Topic.NEWSLETTERS.name());

    /** A 400 problem naming every field that is wrong, or nothing. */
    void validate() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (topic == null || !TOPICS.contains(topic)) {
            errors.add(new Problem.FieldError("topic", "must be MEMBERSHIP or NEWSLETTERS"));
        }
        if (translations == null || translations.isEmpty()) {
            errors.add(new Problem.FieldError("translations", "at least one language is required"));
        } else {
            for (Map.Entry<String, Translation> t : translations.entrySet()) {
                String field = "translations." + t.getKey();
                if (!Templates.LANGUAGES.contains(t.getKey())) {
                    errors.add(new Problem.FieldError(field, "not a language of the platform; one of de, en, es, fr, it"));
                }
                Translation text = t.getValue();
                if (text == null) {
                    errors.add(new Problem.FieldError(field, "a title and a body are required"));
                    continue;
                }
                if (text.title() == null || text.title().isBlank() || text.title().length() > Translation.MAX_TITLE) {
                    errors.add(new Problem.FieldError(field + ".title", "1 to " + Translation.MAX_TITLE + " characters"));
                } else if (text.title().chars().anyMatch(c -> c == '\r' || c == '\n')) {
                    errors.add(new Problem.FieldError(field + ".title", "one line: it is the email's subject"));
                }
                if (text.body() == null || text.body().isBlank() || text.body().length() > Translation.MAX_BODY) {
                    errors.add(new Problem.FieldError(field + ".body", "1 to " + Translation.MAX_BODY + " characters"));
                }
            }
        }
        if (segment != null) {
            errors.addAll(segment.errors());
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the announcement is not valid", errors);
        }
    }

    /** English when given, else the first language given. */
    String defaultLanguage() {
        return translations.containsKey(Templates.FALLBACK) ? Templates.FALLBACK : translations.keySet().iterator().next();
    }

    Segment normalizedSegment() {
        return (segment == null ? Segment.everyone() : segment).normalized();
    }
}
