package eu.impala.membership.member;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.tenant.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads of members and their history, scoped to what the caller may see. */
@ApplicationScoped
public class MemberQueries {

    /** One recorded change: who, when, what, why. */
    public record HistoryEntry(long id, java.time.OffsetDateTime at, String actor, String subject, UUID subjectId,
                               String action, @Schema(nullable = true) String reason, Map<String, Object> changes) {
    }

    private final Pool pool;
    private final ObjectMapper json;

    public MemberQueries(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Members in id order; association staff see only those they represent, member staff only their own. */
    public Uni<CursorPage<MemberView>> list(Caller caller, MemberFilter filter, String cursor, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("erased_at is null");
        if (caller.actsForAssociation()) {
            UUID own = caller.associationId().get();
            if (filter.association() != null) {
                caller.requireAssociation(filter.association());
            }
            condition(where, params, "represented_by = $", own);
        } else if (!caller.isPlatformAdmin()) {
            condition(where, params, "id = $", caller.memberId().orElse(new UUID(0, 0)));
        } else if (filter.association() != null) {
            condition(where, params, "represented_by = $", filter.association());
        }
        if (filter.country() != null) {
            condition(where, params, "country = $", filter.country());
        }
        if (filter.kind() != null) {
            condition(where, params, "kind = $", filter.kind().name());
        }
        if (filter.status() != null) {
            condition(where, params, "status = $", filter.status().name());
        }
        if (filter.category() != null) {
            condition(where, params, "category = $", filter.category().name());
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            String like = "%" + filter.q().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            where.append(" and (display_name ilike $").append(params.size()).append(" or legal_name ilike $")
                    .append(params.size()).append(")");
        }
        String after = Cursor.decode(cursor);
        if (after != null) {
            condition(where, params, "id > $", parseUuid(after));
        }
        params.add(limit + 1);
        String sql = "select " + MemberStore.COLUMNS + " from member where " + where + " order by id limit $" + params.size();
        return pool.preparedQuery(sql).execute(Tuple.from(params))
                .map(rows -> CursorPage.of(MemberStore.members(rows), limit, m -> m.id.toString()).map(MemberView::of));
    }

    public Uni<CursorPage<HistoryEntry>> history(UUID memberId, String cursor, int limit) {
        String after = Cursor.decode(cursor);
        long afterId = after == null ? 0 : parseLong(after);
        return pool.preparedQuery("select id, at, actor, subject, subject_id, action, reason, changes::text "
                        + "from member_history where member_id = $1 and id > $2 order by id limit $3")
                .execute(Tuple.of(memberId, afterId, limit + 1))
                .map(rows -> {
                    List<HistoryEntry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new HistoryEntry(row.getLong(0), row.getOffsetDateTime(1), row.getString(2),
                                row.getString(3), row.getUUID(4), row.getString(5), row.getString(6), read(row.getString(7))));
                    }
                    return CursorPage.of(entries, limit, e -> Long.toString(e.id()));
                });
    }

    private Map<String, Object> read(String changes) {
        try {
            return json.readValue(changes, new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException("history row is not JSON", e);
        }
    }

    private static void condition(StringBuilder where, List<Object> params, String clause, Object value) {
        params.add(value);
        where.append(" and ").append(clause).append(params.size());
    }

    private static UUID parseUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw Cursor.invalid();
        }
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Cursor.invalid();
        }
    }
}
