package eu.impala.notifications.notification;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * Renders notifications: Qute templates per kind ({@code templates/email/<kind>.txt|html}) with the sentences of
 * {@link Msg} in the recipient's language, English when we have no translation.
 */
@ApplicationScoped
public class Templates {

    public static final Set<String> LANGUAGES = Set.of("en", "fr", "de", "es", "it");
    public static final String FALLBACK = "en";

    /**
     * An email ready to send; {@code unsubscribe} is the one-click link of a non-transactional email (its footer
     * shows it, its List-Unsubscribe header names it), null for a transactional one.
     */
    public record Email(String subject, String text, String html, String unsubscribe) {
    }

    private final Engine engine;

    public Templates(Engine engine) {
        this.engine = engine;
    }

    /** The language we write in for someone who reads {@code language}. */
    public static String language(String language) {
        return language != null && LANGUAGES.contains(language) ? language : FALLBACK;
    }

    public static Msg msg(String language) {
        String lang = language(language);
        return FALLBACK.equals(lang) ? MessageBundles.get(Msg.class) : MessageBundles.get(Msg.class, Localized.Literal.of(lang));
    }

    public Email email(String kind, String language, String subject, Map<String, Object> data) {
        Object unsubscribe = data.get("unsubscribe");
        return new Email(subject, render("email/" + kind + ".txt", language, data),
                render("email/" + kind + ".html", language, data), unsubscribe == null ? null : unsubscribe.toString());
    }

    public String render(String template, String language, Map<String, Object> data) {
        var found = engine.getTemplate(template);
        if (found == null) {
            throw new IllegalStateException("no template " + template);
        }
        TemplateInstance instance = found.instance();
        data.forEach(instance::data);
        instance.setAttribute("locale", Locale.forLanguageTag(language(language)));
        return instance.render();
    }
}
