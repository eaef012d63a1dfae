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
import eu.impala.membership.sync.ChangeFeed;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
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

    /**
     * Members in id order; association staff see only those they represent, member staff only their own. MERGED
     * members only with {@code status=MERGED}.
     */
    public Uni<MemberPage> list(Caller caller, MemberFilter filter, String cursor, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("erased_at is null");
        UUID association = null; // the one association whose members are listed, if so
        if (caller.actsForAssociation()) {
            association = caller.associationId().get();
            if (filter.association() != null) {
                caller.requireAssociation(filter.association());
            }
            condition(where, params, "represented_by = $", association);
        } else if (!caller.isPlatformAdmin()) {
            condition(where, params, "id = $", caller.memberId().orElse(new UUID(0, 0)));
        } else if (filter.association() != null) {
            association = filter.association();
            condition(where, params, "represented_by = $", association);
        }
        if (filter.country() != null) {
            condition(where, params, "country = $", filter.country());
        }
        if (filter.kind() != null) {
            condition(where, params, "kind = $", filter.kind().name());
        }
        if (filter.status() != null) {
            condition(where, params, "status = $", filter.status().name());
        } else {
            // a merged member is another's second record: listed only when asked for by its status
            where.append(" and status <> 'MERGED'");
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
        if (association == null || after != null) {
            return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> page(MemberStore.members(rows), limit, null));
        }
        // the first page of an association's members and its feed's latest position, in one statement: one snapshot.
        // Within an association, seq order is commit order, so every change after that position commits after it.
        params.add(association);
        UUID listed = association;
        String withPosition = "select f.position, m.* from (select " + ChangeFeed.LATEST.replace("$1", "$" + params.size())
                + " as position) f left join lateral (" + sql + ") m on true";
        return pool.preparedQuery(withPosition).execute(Tuple.from(params)).map(rows -> {
            List<Member> members = new ArrayList<>();
            long position = 0;
            for (Row row : rows) {
                position = row.getLong("position");
                if (row.getUUID("id") != null) {
                    members.add(MemberStore.member(row));
                }
            }
            return page(members, limit, ChangeFeed.cursor(listed, position));
        });
    }

    private static MemberPage page(List<Member> fetched, int limit, String feedCursor) {
        CursorPage<MemberView> page = CursorPage.of(fetched, limit, m -> m.id.toString()).map(MemberView::of);
        return new MemberPage(page.items(), page.next(), feedCursor);
    }

    /**
     * A page of the member's history. Each journal row holds the entries of one operation (the member's, then its
     * contacts'); an entry's id is its row's seq times {@link #ENTRIES_PER_ROW} plus its place in the row, so ids
     * keep the history's order and a cursor can stop inside a row.
     */
    public Uni<CursorPage<HistoryEntry>> history(UUID memberId, String cursor, int limit) {
        String after = Cursor.decode(cursor);
        long afterId = after == null ? -1 : parseLong(after);
        // each row gives at least one entry: the cursor's own row and limit + 1 more are always enough
        return pool.preparedQuery(HISTORY + "and seq >= $2 order by seq limit $3")
                .execute(Tuple.of(memberId, Math.max(afterId, 0) / ENTRIES_PER_ROW, limit + 2))
                .map(rows -> CursorPage.of(entries(rows).stream().filter(e -> e.id() > afterId).limit(limit + 1L)
                        .toList(), limit, e -> Long.toString(e.id())));
    }

    /** The member's whole history, for a GDPR export. */
    public Uni<List<HistoryEntry>> all(SqlConnection conn, UUID memberId) {
        return conn.preparedQuery(HISTORY + "order by seq").execute(Tuple.of(memberId)).map(this::entries);
    }

    /** Entries per journal row that ids leave room for: an operation changes a member and at most 9,999 contacts. */
    static final long ENTRIES_PER_ROW = 10_000;

    private static final String HISTORY = "select seq, at, actor, changes from member_journal "
            + "where member_id = $1 ";

    private List<HistoryEntry> entries(RowSet<Row> rows) {
        List<HistoryEntry> entries = new ArrayList<>();
        for (Row row : rows) {
            long seq = row.getLong(0);
            List<Map<String, Object>> recorded = read(row.getString(3));
            for (int i = 0; i < recorded.size(); i++) {
                Map<String, Object> e = recorded.get(i);
                @SuppressWarnings("unchecked")
                Map<String, Object> changes = (Map<String, Object>) e.get("changes");
                entries.add(new HistoryEntry(seq * ENTRIES_PER_ROW + i, row.getOffsetDateTime(1), row.getString(2),
                        (String) e.get("subject"), UUID.fromString((String) e.get("subjectId")), (String) e.get("action"),
                        (String) e.get("reason"), changes));
            }
        }
        return entries;
    }

    private List<Map<String, Object>> read(String changes) {
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
