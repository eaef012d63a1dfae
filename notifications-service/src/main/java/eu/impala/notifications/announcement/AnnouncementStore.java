package eu.impala.notifications.announcement;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The announcement table: reads scoped to the caller (an association sees only its own; another's is "not found", so
 * ids tell nothing), writes guarded by the status they need. Translations keep their default language first.
 */
@ApplicationScoped
public class AnnouncementStore {

    static final String COLUMNS = "id, version, status, topic, default_language, translations, segment, association_id, "
            + "created_at, scheduled_at, started_at, sent_at, cancelled_at";

    private final ObjectMapper json;

    public AnnouncementStore(ObjectMapper json) {
        this.json = json;
    }

    /** The announcement {@code id} if {@code scope} (an association, null: any) may see it; else a 404 problem. */
    Uni<Announcement> find(SqlClient sql, UUID id, UUID scope, boolean lock) {
        return sql.preparedQuery("select " + COLUMNS + " from announcement where id = $1 and ($2::uuid is null or "
                        + "association_id = $2)" + (lock ? " for update" : ""))
                .execute(Tuple.of(id, scope))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("announcement " + id);
                    }
                    return announcement(rows.iterator().next());
                });
    }

    Uni<Void> insert(SqlClient sql, UUID id, AnnouncementRequest request, Segment segment, UUID association,
                     OffsetDateTime now) {
        return sql.preparedQuery("insert into announcement (id, version, status, topic, default_language, translations, "
                        + "segment, association_id, created_at, updated_at) values ($1, 1, 'DRAFT', $2, $3, $4::text::jsonb, "
                        + "$5::text::jsonb, $6, $7, $7)")
                .execute(Tuple.tuple(java.util.Arrays.asList(id, request.topic(), request.defaultLanguage(),
                        write(request.translations()), write(segment), association, now)))
                .replaceWithVoid();
    }

    Uni<Void> replace(SqlClient sql, UUID id, AnnouncementRequest request, Segment segment) {
        return sql.preparedQuery("update announcement set version = version + 1, topic = $2, default_language = $3, "
                        + "translations = $4::text::jsonb, segment = $5::text::jsonb, updated_at = now() where id = $1")
                .execute(Tuple.of(id, request.topic(), request.defaultLanguage(), write(request.translations()),
                        write(segment)))
                .replaceWithVoid();
    }

    static Announcement announcement(Row r) {
        JsonObject texts = (JsonObject) r.getValue("translations");
        String lang = r.getString("default_language");
        Map<String, Translation> translations = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        order.add(lang);
        new TreeSet<>(texts.fieldNames()).stream().filter(l -> !l.equals(lang)).forEach(order::add);
        for (String l : order) {
            JsonObject t = texts.getJsonObject(l);
            if (t != null) {
                translations.put(l, new Translation(t.getString("title"), t.getString("body")));
            }
        }
        JsonObject s = (JsonObject) r.getValue("segment");
        Segment segment = new Segment(strings(s, "memberKinds"), strings(s, "categories"), strings(s, "sizeClasses"),
                strings(s, "countries"), strings(s, "statuses"),
                strings(s, "associations").stream().map(UUID::fromString).toList(), strings(s, "contactRoles"));
        return new Announcement(r.getUUID("id"), r.getLong("version"), AnnouncementStatus.valueOf(r.getString("status")),
                r.getString("topic"), translations, segment, r.getUUID("association_id"), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("scheduled_at"), r.getOffsetDateTime("started_at"), r.getOffsetDateTime("sent_at"),
                r.getOffsetDateTime("cancelled_at"));
    }

    /** The languages of {@code a}, its default first. */
    static List<String> languages(Announcement a) {
        return List.copyOf(a.translations().keySet());
    }

    private static List<String> strings(JsonObject o, String field) {
        var array = o.getJsonArray(field);
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> values.add(String.valueOf(v)));
        }
        return values;
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
