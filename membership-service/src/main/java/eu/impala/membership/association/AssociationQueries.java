package eu.impala.membership.association;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.membership.member.MembershipStatus;
import eu.impala.membership.sync.ChangeFeed;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The reads behind an association's summary: counts of its members, its last runs, its feed's position. */
@ApplicationScoped
public class AssociationQueries {

    /** How many of the last runs a summary lists: enough to see whether the routine syncs run, not a history. */
    static final int LAST_RUNS = 5;

    private final Pool pool;
    private final ObjectMapper json;

    public AssociationQueries(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<AssociationSummary> summary(UUID association) {
        // the counts and the feed's position in one statement; the runs are a separate, independent read
        Uni<Object[]> countsAndPosition = pool.preparedQuery("select (select json_object_agg(status, n)::text from "
                        + "(select status, count(*) as n from member where represented_by = $1 and erased_at is null "
                        + "and status <> 'MERGED' "
                        + "group by status) s), " + ChangeFeed.LATEST)
                .execute(Tuple.of(association))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Object[] {row.getString(0), row.getLong(1)};
                });
        Uni<List<AssociationSummary.Run>> runs = pool.preparedQuery("select id, created_at, mode, forced, summary::text "
                        + "from sync_run where association_id = $1 order by created_at desc, id limit $2")
                .execute(Tuple.of(association, LAST_RUNS))
                .map(rows -> {
                    List<AssociationSummary.Run> last = new ArrayList<>();
                    for (Row row : rows) {
                        UUID id = row.getUUID(0);
                        last.add(new AssociationSummary.Run(id, row.getOffsetDateTime(1).toInstant(), row.getString(2),
                                row.getBoolean(3), read(row.getString(4), new TypeReference<Map<String, Integer>>() { }),
                                "/api/v1/associations/" + association + "/sync/runs/" + id));
                    }
                    return last;
                });
        return countsAndPosition.chain(counted -> runs.map(last -> {
            Map<String, Long> found = counted[0] == null ? Map.of()
                    : read((String) counted[0], new TypeReference<Map<String, Long>>() { });
            Map<String, Long> byStatus = new LinkedHashMap<>();
            for (MembershipStatus status : MembershipStatus.values()) {
                if (!status.isMembership()) {
                    continue; // a merged record is no member of the association
                }
                byStatus.put(status.name(), found.getOrDefault(status.name(), 0L));
            }
            long seq = (Long) counted[1];
            return new AssociationSummary(association, byStatus, last,
                    new AssociationSummary.Feed(seq, ChangeFeed.cursor(association, seq)));
        }));
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable", e);
        }
    }
}
