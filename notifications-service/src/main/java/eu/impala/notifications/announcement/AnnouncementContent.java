package eu.impala.notifications.announcement;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.notifications.notification.DeliveryWorker;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The texts of announcement emails. A notification of an announcement holds only the announcement's id, topic and
 * titles (thousands of rows need not carry a 50,000-character body each); when the worker claims a round, the texts
 * of that round's announcements are read once and attached to the claimed notifications in memory. An announcement's
 * text no longer changes once it is sending, so its rendering is kept per language for the rounds that follow.
 */
@ApplicationScoped
public class AnnouncementContent {

    /** One announcement in one language, rendered. */
    public record Text(String title, String html, String text) {
    }

    private static final int KEPT = 256;
    private static final Map<String, Text> RENDERED = new ConcurrentHashMap<>();

    private final Pool pool;

    public AnnouncementContent(Pool pool) {
        this.pool = pool;
    }

    /** Attaches {@code translations} to the claimed announcement notifications: one query for the round, if any. */
    public Uni<Void> attach(List<DeliveryWorker.Claimed> claimed) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (DeliveryWorker.Claimed c : claimed) {
            if (AnnouncementSender.KIND.equals(c.kind())) {
                ids.add(c.eventId());
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("select id, translations from announcement where id = any($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .invoke(rows -> {
                    Map<UUID, JsonObject> texts = new java.util.HashMap<>();
                    for (Row r : rows) {
                        texts.put(r.getUUID("id"), (JsonObject) r.getValue("translations"));
                    }
                    for (DeliveryWorker.Claimed c : claimed) {
                        JsonObject t = AnnouncementSender.KIND.equals(c.kind()) ? texts.get(c.eventId()) : null;
                        if (t != null) {
                            c.model().put("translations", t);
                        }
                    }
                })
                .replaceWithVoid();
    }

    /** The contact's language if the announcement has it, else the announcement's default language. */
    public static String language(JsonObject model, String contactLanguage) {
        JsonObject texts = model.getJsonObject("translations", new JsonObject());
        return contactLanguage != null && texts.containsKey(contactLanguage) ? contactLanguage
                : model.getString("language", "en");
    }

    /** The announcement of {@code model} in {@code lang}, rendered (kept when the model names its announcement). */
    public static Text text(JsonObject model, String lang) {
        JsonObject texts = model.getJsonObject("translations");
        if (texts == null || texts.getJsonObject(lang) == null) {
            throw new IllegalStateException("the announcement's text in " + lang + " is not known");
        }
        String id = model.getString("announcementId");
        if (id == null || model.getBoolean("test", false)) {
            return render(texts.getJsonObject(lang));
        }
        if (RENDERED.size() > KEPT) {
            RENDERED.clear();
        }
        return RENDERED.computeIfAbsent(id + "/" + lang, k -> render(texts.getJsonObject(lang)));
    }

    private static Text render(JsonObject translation) {
        Markdown.Rendered body = Markdown.render(translation.getString("body"));
        return new Text(translation.getString("title"), body.html(), body.text());
    }
}
