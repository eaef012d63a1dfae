package eu.impala.campaigns.campaign;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Opens campaigns at {@code opensAt} and closes them at {@code closesAt}. Each move is its own transaction
 * under the campaign's row lock, so several replicas running the job never move a campaign twice.
 */
@ApplicationScoped
public class CampaignSchedule {

    private static final Logger LOG = Logger.getLogger(CampaignSchedule.class);

    private final Pool pool;
    private final CampaignService campaigns;

    public CampaignSchedule(Pool pool, CampaignService campaigns) {
        this.pool = pool;
        this.campaigns = campaigns;
    }

    @Scheduled(every = "${impala.campaigns.schedule-every:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return run().invoke(moved -> {
            if (moved > 0) {
                LOG.infof("schedule moved %d campaign(s)", moved);
            }
        }).onFailure().invoke(e -> LOG.warn("campaign schedule failed; next tick retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Applies every due move now; the number of campaigns moved. */
    public Uni<Integer> run() {
        OffsetDateTime now = CampaignStore.nowUtc();
        return pool.preparedQuery("select id from campaign where (status = 'DRAFT' and opens_at <= $1) "
                        + "or (status = 'PUBLISHED' and closes_at <= $1) order by coalesce(opens_at, closes_at)")
                .execute(Tuple.of(now))
                .map(rows -> {
                    List<UUID> ids = new java.util.ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID(0)));
                    return ids;
                })
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> campaigns.outbox()
                        .inTransaction(conn -> campaigns.applySchedule(conn, id, now)))
                .collect().asList()
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count());
    }
}
