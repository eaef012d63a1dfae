package eu.impala.campaigns.counter;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Counts a campaign's live signatures by the dimensions the public sees. */
@ApplicationScoped
public class CounterQueries {

    private final Pool pool;

    public CounterQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<Counters> count(UUID campaignId, String slug, Integer goal, boolean goalReached) {
        return pool.preparedQuery("select country, member_kind, size_class, count(*)::int as n from signature "
                        + "where campaign_id = $1 and withdrawn_at is null group by country, member_kind, size_class")
                .execute(Tuple.of(campaignId))
                .map(rows -> {
                    Map<String, Integer> byCountry = new TreeMap<>();
                    Map<String, Integer> byKind = new TreeMap<>();
                    Map<String, Integer> bySize = new TreeMap<>();
                    int total = 0;
                    for (Row r : rows) {
                        int n = r.getInteger("n");
                        total += n;
                        byCountry.merge(r.getString("country"), n, Integer::sum);
                        byKind.merge(r.getString("member_kind"), n, Integer::sum);
                        String size = r.getString("size_class");
                        bySize.merge(size == null ? Counters.UNKNOWN_SIZE : size, n, Integer::sum);
                    }
                    return new Counters(slug, total, goal, goalReached, byCountry, byKind, bySize);
                });
    }
}
