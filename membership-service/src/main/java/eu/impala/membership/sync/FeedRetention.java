package eu.impala.membership.sync;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes the delta feed's changes older than the retention, a bounded batch per statement, and remembers per
 * association up to which seq they are gone ({@code member_change_horizon}), so that the feed can tell a cursor from
 * before that point (410 Gone) from one that is merely quiet.
 */
@ApplicationScoped
public class FeedRetention {

    private static final Logger LOG = Logger.getLogger(FeedRetention.class);
    private static final int BATCH = 10_000;

    private final Pool pool;
    private final FeedConfig config;

    public FeedRetention(Pool pool, FeedConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "${impala.membership.feed.prune-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return prune(OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention()))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("deleted %d delta feed changes older than %s", n, config.retention());
                    }
                })
                .onFailure().invoke(e -> LOG.warn("pruning the delta feed failed; the next round retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes every change before {@code before}; how many. */
    public Uni<Long> prune(OffsetDateTime before) {
        return pool.withTransaction(conn -> conn.preparedQuery("with gone as (delete from member_change where seq in "
                        + "(select seq from member_change where at < $1 order by seq limit $2) "
                        + "returning association_id, seq), "
                        + "horizon as (insert into member_change_horizon (association_id, pruned_through) "
                        + "select association_id, max(seq) from gone group by association_id "
                        + "on conflict (association_id) do update set pruned_through = "
                        + "greatest(member_change_horizon.pruned_through, excluded.pruned_through)) "
                        + "select count(*) from gone")
                .execute(Tuple.of(before, BATCH)))
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(n -> n < BATCH ? Uni.createFrom().item(n) : prune(before).map(more -> n + more));
    }
}
