package eu.impala.notifications.announcement;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An announcement in one language: its title (the email's subject) and its body in Markdown. */
public record Translation(@Schema(required = true, minLength = 1, maxLength = Translation.MAX_TITLE) String title,
                          @Schema(required = true, minLength = 1, maxLength = Translation.MAX_BODY,
                                  description = "Markdown; raw HTML is shown as text, links only http, https or mailto.")
                          String body) {

    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 50_000;
}
