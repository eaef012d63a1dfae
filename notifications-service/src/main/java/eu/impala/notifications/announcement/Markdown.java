package eu.impala.notifications.announcement;

import java.util.Locale;

import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * An announcement's body, written in Markdown by the secretariat or an association, as the HTML and the plain text of
 * an email. Whoever writes it, the HTML is safe to put in a message: raw HTML in the source is shown as text, never
 * passed through (so a {@code <script>} arrives as the characters), and a link or image goes only to http, https or
 * mailto (anything else, {@code javascript:} among it, becomes an empty link).
 */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            .urlSanitizer(new Schemes()).build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

    /** The two renderings of one source. */
    public record Rendered(String html, String text) {
    }

    private Markdown() {
    }

    public static Rendered render(String markdown) {
        Node document = PARSER.parse(markdown == null ? "" : markdown);
        return new Rendered(HTML.render(document), TEXT.render(document));
    }

    /** Links and images to the web or to an address only. */
    static final class Schemes implements UrlSanitizer {

        @Override
        public String sanitizeLinkUrl(String url) {
            return allowed(url) ? url : "";
        }

        @Override
        public String sanitizeImageUrl(String url) {
            return allowed(url) ? url : "";
        }

        static boolean allowed(String url) {
            String u = url == null ? "" : url.strip().toLowerCase(Locale.ROOT);
            return u.startsWith("https://") || u.startsWith("http://") || u.startsWith("mailto:");
        }
    }
}
