package eu.impala.notifications.unsubscribe;

import eu.impala.notifications.notification.Msg;
import eu.impala.notifications.notification.Templates;
import eu.impala.notifications.preference.Topic;

/**
 * The two small pages of an unsubscribe link, in the contact's language: the question with a button that POSTs
 * (following the link changes nothing), and the answer. Plain HTML with every text escaped, no script and no style.
 */
final class UnsubscribePage {

    private UnsubscribePage() {
    }

    /** The page of the link: what it would stop, and the button that does it (a POST to the same link). */
    static String confirm(String language, Topic topic, String token) {
        Msg msg = Templates.msg(language);
        return page(language, msg.unsubscribe_title(),
                "<p>" + escape(msg.unsubscribe_question(topicName(msg, topic))) + "</p>\n"
                + "<form method=\"post\" action=\"?token=" + escape(token) + "\">\n"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\n"
                + "<button type=\"submit\">" + escape(msg.unsubscribe_confirm()) + "</button>\n"
                + "</form>\n");
    }

    /** The answer to the button. */
    static String done(String language, Topic topic) {
        Msg msg = Templates.msg(language);
        return page(language, msg.unsubscribe_title(), "<p>" + escape(msg.unsubscribe_done(topicName(msg, topic))) + "</p>\n");
    }

    static String topicName(Msg msg, Topic topic) {
        return switch (topic) {
            case MEMBERSHIP -> msg.topic_membership();
            case CAMPAIGNS -> msg.topic_campaigns();
            case NEWSLETTERS -> msg.topic_newsletters();
        };
    }

    private static String page(String language, String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"" + escape(language) + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"robots\" content=\"noindex\">\n<title>IMPALA: " + escape(title) + "</title>\n</head>\n"
                + "<body>\n<h1>" + escape(title) + "</h1>\n" + body + "</body>\n</html>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
