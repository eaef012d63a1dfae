package eu.impala.notifications.notification;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Deliveries on {@code /q/metrics}: each recorded attempt by channel and the status it left the notification in
 * ({@code impala_notifications_delivery_attempts_total{channel,status}}: sent, failed, dead), and the notifications
 * not delivered now by channel and status ({@code impala_notifications_undelivered{channel,status}}: pending, failed,
 * and dead — the dead letters, until retried by hand), read from the database every few seconds.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private static final Logger LOG = Logger.getLogger(DeliveryMetrics.class);
    /** The channels that go through the worker; an in-app notice is delivered as it is written. */
    private static final List<Channel> SENT_BY_WORKER = List.of(Channel.EMAIL, Channel.WEBHOOK);
    private static final List<DeliveryStatus> UNDELIVERED = List.of(DeliveryStatus.PENDING, DeliveryStatus.FAILED,
            DeliveryStatus.DEAD);

    private final Pool pool;
    private final Map<Channel, Map<DeliveryStatus, Counter>> attempts = new EnumMap<>(Channel.class);
    private final Map<Channel, Map<DeliveryStatus, AtomicLong>> undelivered = new EnumMap<>(Channel.class);

    public DeliveryMetrics(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        for (Channel channel : SENT_BY_WORKER) {
            Map<DeliveryStatus, Counter> counters = new EnumMap<>(DeliveryStatus.class);
            for (DeliveryStatus status : List.of(DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.DEAD)) {
                counters.put(status, Counter.builder("impala.notifications.delivery.attempts")
                        .description("Delivery attempts, by the status each left its notification in")
                        .tags("channel", tag(channel), "status", tag(status)).register(registry));
            }
            attempts.put(channel, counters);
            Map<DeliveryStatus, AtomicLong> counts = new EnumMap<>(DeliveryStatus.class);
            for (DeliveryStatus status : UNDELIVERED) {
                AtomicLong count = new AtomicLong();
                Gauge.builder("impala.notifications.undelivered", count, AtomicLong::get)
                        .description("Notifications not delivered now: pending, failed (awaiting a retry), dead (dead letters)")
                        .tags("channel", tag(channel), "status", tag(status)).register(registry);
                counts.put(status, count);
            }
            undelivered.put(channel, counts);
        }
    }

    /** One attempt, once its outcome is committed. */
    void attempted(Channel channel, DeliveryStatus status) {
        Map<DeliveryStatus, Counter> counters = attempts.get(channel);
        if (counters != null && counters.containsKey(status)) {
            counters.get(status).increment();
        }
    }

    @Scheduled(every = "${impala.notifications.delivery.metrics-interval:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        // partial indexes cover each of these statuses: the count never reads the sent notifications
        return pool.query("select channel, status, count(*) from notification where status in ('PENDING', 'FAILED', 'DEAD') "
                        + "and channel in ('EMAIL', 'WEBHOOK') group by channel, status")
                .execute()
                .invoke(rows -> {
                    Map<Channel, Map<DeliveryStatus, Long>> read = new EnumMap<>(Channel.class);
                    for (Row row : rows) {
                        read.computeIfAbsent(Channel.valueOf(row.getString(0)), c -> new EnumMap<>(DeliveryStatus.class))
                                .put(DeliveryStatus.valueOf(row.getString(1)), row.getLong(2));
                    }
                    undelivered.forEach((channel, counts) -> counts.forEach((status, count) ->
                            count.set(read.getOrDefault(channel, Map.of()).getOrDefault(status, 0L))));
                })
                .onFailure().invoke(e -> LOG.debugf("undelivered notifications not counted: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
