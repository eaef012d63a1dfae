package eu.impala.commons.outbox;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The outbox on {@code /q/metrics}: events published ({@code impala_outbox_published_total}), and the backlog of
 * committed rows not yet published ({@code impala_outbox_backlog_events}) with the age of the oldest
 * ({@code impala_outbox_backlog_oldest_seconds}), read from the database every few seconds rather than on each scrape.
 */
@ApplicationScoped
public class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

    private final Pool pool;
    private final Counter published;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    public OutboxMetrics(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.published = Counter.builder("impala.outbox.published").baseUnit("events")
                .description("Outbox events the relay published to Kafka").register(registry);
        Gauge.builder("impala.outbox.backlog", backlog, AtomicLong::get).baseUnit("events")
                .description("Committed outbox events not yet published").register(registry);
        Gauge.builder("impala.outbox.backlog.oldest", oldestSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest committed outbox event not yet published (0 when none)").register(registry);
    }

    void published(int n) {
        published.increment(n);
    }

    @Scheduled(every = "${impala.outbox.backlog-interval:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return pool.query("select coalesce(sum(events), 0), min(occurred_at) from outbox_backlog()")
                .execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    backlog.set(row.getLong(0));
                    OffsetDateTime oldest = row.getOffsetDateTime(1);
                    oldestSeconds.set(oldest == null ? 0 : Math.max(0, oldest.until(OffsetDateTime.now(), ChronoUnit.SECONDS)));
                })
                .onFailure().invoke(e -> LOG.debugf("outbox backlog not read: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
