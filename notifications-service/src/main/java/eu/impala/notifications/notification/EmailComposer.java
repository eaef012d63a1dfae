package eu.impala.notifications.notification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.json.JsonObject;

import eu.impala.notifications.NotificationsConfig;
import eu.impala.notifications.announcement.AnnouncementContent;
import eu.impala.notifications.announcement.AnnouncementSender;
import eu.impala.notifications.preference.Topic;
import eu.impala.notifications.rule.CampaignRules;
import eu.impala.notifications.rule.MembershipRules;
import eu.impala.notifications.unsubscribe.UnsubscribeTokens;

/**
 * Turns claimed notifications and their addressee into the email to send, in the addressee's language. Every email
 * is either transactional (about the contact's membership or an action taken in its member's name: it goes whatever
 * the preferences say, and its footer says why the contact receives it) or news of a topic the contact may leave
 * (campaign news, one at a time or in a digest): its footer and List-Unsubscribe header carry a one-click link that
 * switches that topic's emails off for that contact.
 */
@ApplicationScoped
public class EmailComposer {

    /** One campaign in a digest. */
    public record DigestItem(String title, String link) {
    }

    /** One announcement in a digest: its title and its body, rendered. */
    public record AnnouncementItem(String title, String html, String text) {
    }

    /** The path of the unsubscribe endpoint under the public URL. */
    public static final String UNSUBSCRIBE_PATH = "/api/v1/notifications/unsubscribe";

    private final Templates templates;
    private final NotificationsConfig config;
    private final UnsubscribeTokens tokens;

    public EmailComposer(Templates templates, NotificationsConfig config, UnsubscribeTokens tokens) {
        this.templates = templates;
        this.config = config;
        this.tokens = tokens;
    }

    /**
     * The topic a contact can unsubscribe from in an email of {@code kind}, or null for a transactional one. Welcome,
     * status changes, renewal reminders and signature confirmations are transactional; campaign news (alone or in a digest) is
     * {@link Topic#CAMPAIGNS}. A new kind of email must be placed here (unknown kinds are refused at rendering).
     */
    public static Topic topic(String kind, boolean digest) {
        if (AnnouncementSender.KIND.equals(kind)) {
            throw new IllegalStateException("an announcement's topic is in its model");
        }
        if (digest) {
            return Topic.CAMPAIGNS;
        }
        return switch (kind) {
            case CampaignRules.PUBLISHED -> Topic.CAMPAIGNS;
            // a renewal reminder follows the MEMBERSHIP preferences and says so in its footer, but is no list mail
            case MembershipRules.WELCOME, MembershipRules.STATUS_CHANGED, MembershipRules.RENEWAL_DUE,
                 CampaignRules.SIGNATURE_CONFIRMED -> null;
            default -> throw new IllegalStateException("no email for notifications of kind " + kind);
        };
    }

    /** The topic of {@code c}'s email: an announcement names its own (MEMBERSHIP or NEWSLETTERS). */
    static Topic topic(DeliveryWorker.Claimed c) {
        if (AnnouncementSender.KIND.equals(c.kind())) {
            return Topic.valueOf(c.model().getString("topic"));
        }
        return topic(c.kind(), c.digest() != null);
    }

    /** The one-click link for {@code contactId} and {@code topic}: the public URL, no personal data in it. */
    public String unsubscribeLink(java.util.UUID contactId, Topic topic) {
        return unsubscribeLink(contactId, topic, null);
    }

    /**
     * The same for an email of announcement {@code source} (null: of none): its unsubscribes are counted in that
     * announcement's statistics.
     */
    public String unsubscribeLink(java.util.UUID contactId, Topic topic, java.util.UUID source) {
        return config.publicUrl().replaceAll("/+$", "") + UNSUBSCRIBE_PATH + "?token="
                + tokens.issue(contactId, topic, source);
    }

    Templates.Email compose(List<DeliveryWorker.Claimed> group, DeliveryWorker.Addressee to) {
        String lang = Templates.language(to.language());
        Msg msg = Templates.msg(lang);
        Map<String, Object> data = new HashMap<>();
        data.put("name", to.name() == null ? "" : to.name());
        DeliveryWorker.Claimed first = group.get(0);
        JsonObject m = first.model();
        Topic topic = topic(first);
        if (AnnouncementSender.KIND.equals(first.kind())) {
            if (to.contactId() == null) {
                throw new IllegalStateException("an announcement to a recipient that is no contact");
            }
            return announcement(group, to, topic, data);
        }
        if (topic != null) {
            if (to.contactId() == null) {
                throw new IllegalStateException("news of " + topic + " to a recipient that is no contact");
            }
            data.put("unsubscribe", unsubscribeLink(to.contactId(), topic));
        }
        if (first.digest() != null) {
            List<DigestItem> items = new ArrayList<>();
            for (DeliveryWorker.Claimed c : group) {
                items.add(new DigestItem(localized(c.model(), "titles", lang), link(c.model())));
            }
            data.put("items", items);
            return templates.email("digest", lang, msg.digest_subject(), data);
        }
        return switch (first.kind()) {
            case MembershipRules.WELCOME -> {
                data.put("member", m.getString("member", ""));
                yield templates.email(first.kind(), lang, msg.welcome_subject(m.getString("member", "")), data);
            }
            case MembershipRules.STATUS_CHANGED -> {
                data.put("member", m.getString("member", ""));
                data.put("from", m.getString("from", ""));
                data.put("to", m.getString("to", ""));
                yield templates.email(first.kind(), lang,
                        msg.statusChanged_subject(m.getString("member", ""), m.getString("to", "")), data);
            }
            case MembershipRules.RENEWAL_DUE -> {
                data.put("member", m.getString("member", ""));
                data.put("date", m.getString("renewalDueOn", ""));
                // the days left when it is sent, which a late delivery makes fewer than the reminder's own
                data.put("days", daysLeft(m.getString("renewalDueOn", ""), m.getInteger("daysBefore", 0)));
                yield templates.email(first.kind(), lang,
                        msg.renewalDue_subject(m.getString("member", ""), m.getString("renewalDueOn", "")), data);
            }
            case CampaignRules.PUBLISHED -> {
                String title = localized(m, "titles", lang);
                data.put("title", title);
                data.put("summary", localized(m, "summaries", lang));
                data.put("link", link(m));
                yield templates.email(first.kind(), lang, msg.campaignPublished_subject(title), data);
            }
            case CampaignRules.SIGNATURE_CONFIRMED -> {
                String title = localized(m, "titles", lang);
                data.put("title", title);
                data.put("member", m.getString("member", ""));
                yield templates.email(first.kind(), lang, msg.signatureConfirmed_subject(title), data);
            }
            default -> throw new IllegalStateException("no email for notifications of kind " + first.kind());
        };
    }

    /**
     * An announcement, or a digest of them, in the contact's language when the announcement has it, else in its default
     * language: the greeting and footer in that language too, so that the email reads in one language. The texts come
     * from the announcement itself ({@link AnnouncementContent} attaches them to the claimed notifications).
     */
    private Templates.Email announcement(List<DeliveryWorker.Claimed> group, DeliveryWorker.Addressee to, Topic topic,
                                         Map<String, Object> data) {
        DeliveryWorker.Claimed first = group.get(0);
        String lang = AnnouncementContent.language(first.model(), to.language());
        Msg msg = Templates.msg(lang);
        data.put("footer", Topic.NEWSLETTERS == topic ? msg.footer_newsletters() : msg.footer_membershipNews());
        data.put("unsubscribe", unsubscribeLink(to.contactId(), topic,
                first.digest() == null ? first.eventId() : null));
        if (first.digest() == null) {
            AnnouncementContent.Text text = AnnouncementContent.text(first.model(), lang);
            data.put("title", text.title());
            data.put("body", text.html());
            return new Templates.Email(text.title(), templates.render("email/" + AnnouncementSender.KIND + ".txt", lang,
                    withBody(data, text.text())), templates.render("email/" + AnnouncementSender.KIND + ".html", lang, data),
                    data.get("unsubscribe").toString());
        }
        List<AnnouncementItem> items = new ArrayList<>();
        for (DeliveryWorker.Claimed c : group) {
            String itemLang = AnnouncementContent.language(c.model(), to.language());
            AnnouncementContent.Text text = AnnouncementContent.text(c.model(), itemLang);
            items.add(new AnnouncementItem(text.title(), text.html(), text.text()));
        }
        data.put("items", items);
        return templates.email("announcementDigest", lang, msg.announcementDigest_subject(), data);
    }

    /**
     * An announcement's email as a contact reading {@code lang} would get it, for a preview or a test-send: the texts
     * as they are now (a draft may still change), greeting {@code name}, and an unsubscribe link of no contact (it
     * answers that the link no longer applies).
     */
    public Templates.Email announcementSample(java.util.UUID announcementId, String topic, JsonObject translations,
                                              String lang, String name) {
        JsonObject model = new JsonObject().put("announcementId", announcementId.toString()).put("topic", topic)
                .put("language", lang).put("translations", translations).put("test", true);
        DeliveryWorker.Claimed sample = new DeliveryWorker.Claimed(java.util.UUID.randomUUID(), announcementId,
                Channel.EMAIL, AnnouncementSender.KIND, "sample", null, model, 0, null, null);
        return compose(List.of(sample), new DeliveryWorker.Addressee(new java.util.UUID(0, 0), name, null, lang));
    }

    private static Map<String, Object> withBody(Map<String, Object> data, String body) {
        Map<String, Object> copy = new HashMap<>(data);
        copy.put("body", body);
        return copy;
    }

    static int daysLeft(String date, int otherwise) {
        try {
            return (int) Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(
                    java.time.LocalDate.now(java.time.ZoneOffset.UTC), java.time.LocalDate.parse(date)));
        } catch (java.time.format.DateTimeParseException e) {
            return otherwise;
        }
    }

    /** The text in {@code lang}, else in the campaign's own language, else any; the slug as a last resort. */
    static String localized(JsonObject model, String field, String lang) {
        JsonObject texts = model.getJsonObject(field, new JsonObject());
        String text = texts.getString(lang);
        if (text == null) {
            text = texts.getString(model.getString("language", Templates.FALLBACK));
        }
        if (text == null && !texts.isEmpty()) {
            text = String.valueOf(texts.getValue(texts.fieldNames().iterator().next()));
        }
        return text == null ? model.getString("slug", "") : text;
    }

    private String link(JsonObject model) {
        return config.publicUrl().replaceAll("/+$", "") + "/campaigns/" + model.getString("slug", "");
    }
}
