package eu.impala.campaigns.campaign;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.paging.TimeCursor;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** Campaign rows: read, insert, write back with their version. */
@ApplicationScoped
public class CampaignStore {

    static final String COLUMNS = "id, slug, title, summary, body, language, translations, topic, kind, status, goal, "
            + "eligible_kinds, eligible_categories, eligible_countries, opens_at, closes_at, published_at, closed_at, "
            + "archived_at, goal_reached_at, signature_count, version, created_at, created_by, updated_at";
    private static final TypeReference<Map<String, Translation>> TRANSLATIONS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public CampaignStore(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Campaign> find(SqlClient sql, UUID id) {
        return one(sql, "select " + COLUMNS + " from campaign where id = $1", Tuple.of(id));
    }

    /** The campaign as {@code caller} may see it; 404 when missing, or a draft and the caller is not the secretariat. */
    public Uni<Campaign> visible(SqlClient sql, Caller caller, UUID id) {
        return find(sql, id).map(c -> {
            if (c == null || (!caller.isPlatformAdmin() && c.status() == CampaignStatus.DRAFT)) {
                throw ProblemException.notFound("campaign " + id);
            }
            return c;
        });
    }

    /** The campaign locked for this transaction; 404 when there is none. */
    public Uni<Campaign> lock(SqlClient sql, UUID id) {
        return one(sql, "select " + COLUMNS + " from campaign where id = $1 for no key update", Tuple.of(id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("campaign " + id));
    }

    public Uni<Campaign> findBySlug(SqlClient sql, String slug) {
        return one(sql, "select " + COLUMNS + " from campaign where slug = $1", Tuple.of(slug));
    }

    /**
     * A newest-first page of the campaigns in {@code statuses} (and of {@code topic} when given), ordered by
     * {@code created_at} or {@code published_at} and then id.
     */
    public Uni<CursorPage<Campaign>> page(SqlClient sql, Set<CampaignStatus> statuses, CampaignTopic topic,
                                          boolean byPublication, String cursor, int limit) {
        String time = byPublication ? "published_at" : "created_at";
        List<Object> params = new ArrayList<>();
        params.add(statuses.stream().map(Enum::name).toArray(String[]::new));
        StringBuilder where = new StringBuilder("status = any($1)");
        if (topic != null) {
            params.add(topic.name());
            where.append(" and topic = $").append(params.size());
        }
        TimeCursor after = TimeCursor.decode(cursor);
        if (after != null) {
            params.add(after.at());
            params.add(after.id());
            where.append(" and (").append(time).append(", id) < ($").append(params.size() - 1).append(", $")
                    .append(params.size()).append(")");
        }
        params.add(limit + 1);
        return sql.preparedQuery("select " + COLUMNS + " from campaign where " + where + " order by " + time
                        + " desc, id desc limit $" + params.size())
                .execute(Tuple.from(params))
                .map(rows -> CursorPage.of(campaigns(rows), limit,
                        c -> TimeCursor.key(byPublication ? c.publishedAt() : c.createdAt(), c.id())));
    }

    public Uni<Campaign> insert(SqlClient sql, Campaign c) {
        return sql.preparedQuery("insert into campaign (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, "
                        + "$9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)")
                .execute(Tuple.from(values(c)))
                .onFailure(CampaignStore::slugTaken).transform(e -> slugConflict(c.slug()))
                .replaceWith(c);
    }

    /** Writes {@code c} back over the version before it. */
    public Uni<Campaign> update(SqlClient sql, Campaign c) {
        List<Object> values = new ArrayList<>(values(c));
        values.remove(23); // created_by and created_at never change
        values.remove(22);
        String assignments = "slug = $2, title = $3, summary = $4, body = $5, language = $6, translations = $7::text::jsonb, "
                + "topic = $8, kind = $9, status = $10, goal = $11, eligible_kinds = $12, eligible_categories = $13, "
                + "eligible_countries = $14, opens_at = $15, closes_at = $16, published_at = $17, closed_at = $18, "
                + "archived_at = $19, goal_reached_at = $20, signature_count = $21, version = $22, updated_at = $23";
        return sql.preparedQuery("update campaign set " + assignments + " where id = $1 and version = $22 - 1")
                .execute(Tuple.from(values))
                .onFailure(CampaignStore::slugTaken).transform(e -> slugConflict(c.slug()))
                .map(rows -> {
                    if (rows.rowCount() != 1) {
                        throw ProblemException.conflict("campaign " + c.id() + " changed meanwhile; read it again and retry");
                    }
                    return c;
                });
    }

    public Uni<Boolean> deleteDraft(SqlClient sql, UUID id) {
        return sql.preparedQuery("delete from campaign where id = $1 and status = 'DRAFT'").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    private List<Object> values(Campaign c) {
        Eligibility e = c.eligibility();
        return Arrays.asList(c.id(), c.slug(), c.title(), c.summary(), c.body(), c.language(), write(c.translations()),
                c.topic().name(), c.kind().name(), c.status().name(), c.goal(), array(e.kinds()),
                array(e.categories()), array(e.countries()), c.opensAt(), c.closesAt(), c.publishedAt(), c.closedAt(),
                c.archivedAt(), c.goalReachedAt(), c.signatureCount(), c.version(), c.createdAt(), c.createdBy(),
                c.updatedAt());
    }

    private Uni<Campaign> one(SqlClient sql, String query, Tuple params) {
        return sql.preparedQuery(query).execute(params).map(rows -> {
            List<Campaign> found = campaigns(rows);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    List<Campaign> campaigns(RowSet<Row> rows) {
        List<Campaign> result = new ArrayList<>(rows.size());
        for (Row r : rows) {
            result.add(new Campaign(r.getUUID("id"), r.getString("slug"), r.getString("title"), r.getString("summary"),
                    r.getString("body"), r.getString("language"), read(r.getValue("translations")),
                    CampaignTopic.valueOf(r.getString("topic")), CampaignKind.valueOf(r.getString("kind")),
                    CampaignStatus.valueOf(r.getString("status")), r.getInteger("goal"),
                    new Eligibility(set(r, "eligible_kinds"), set(r, "eligible_categories"), set(r, "eligible_countries")),
                    r.getOffsetDateTime("opens_at"), r.getOffsetDateTime("closes_at"),
                    r.getOffsetDateTime("published_at"), r.getOffsetDateTime("closed_at"),
                    r.getOffsetDateTime("archived_at"), r.getOffsetDateTime("goal_reached_at"),
                    r.getInteger("signature_count"), r.getLong("version"), r.getOffsetDateTime("created_at"),
                    r.getString("created_by"), r.getOffsetDateTime("updated_at")));
        }
        return result;
    }

    private static Set<String> set(Row r, String column) {
        String[] values = r.getArrayOfStrings(column);
        return values == null ? Set.of() : Set.of(values);
    }

    private static String[] array(Set<String> values) {
        return values.stream().sorted().toArray(String[]::new);
    }

    private Map<String, Translation> read(Object value) {
        if (value == null) {
            return Map.of();
        }
        String text = value instanceof JsonObject o ? o.encode() : value.toString();
        try {
            return json.readValue(text, TRANSLATIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable translations in the database", e);
        }
    }

    private String write(Map<String, Translation> translations) {
        try {
            return json.writeValueAsString(translations);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean slugTaken(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static ProblemException slugConflict(String slug) {
        return new ProblemException(409, "slug-taken", "Conflict", "another campaign already uses the slug " + slug,
                List.of(new eu.impala.commons.problem.Problem.FieldError("slug", "already used")));
    }

    static OffsetDateTime nowUtc() {
        return OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
