package eu.impala.commons.inbox;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the consumers do, on {@code /q/metrics}: events applied, dropped as duplicates and dead-lettered per consumer
 * ({@code impala_inbox_events_total}), batch sizes ({@code impala_inbox_batch_size}) and the time a batch's
 * transaction took ({@code impala_inbox_batch_apply_seconds}).
 */
@ApplicationScoped
public class InboxMetrics {

    private final MeterRegistry registry;

    public InboxMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void applied(String consumer, int n) {
        events(consumer, "applied").increment(n);
    }

    void duplicates(String consumer, int n) {
        events(consumer, "duplicate").increment(n);
    }

    void deadLettered(String consumer) {
        events(consumer, "dead_lettered").increment();
    }

    void batch(String consumer, int size, Duration took) {
        DistributionSummary.builder("impala.inbox.batch.size").description("Records per batch a consumer received")
                .tag("consumer", consumer).register(registry).record(size);
        Timer.builder("impala.inbox.batch.apply").description("Time to apply a batch (its transaction, retries included)")
                .tag("consumer", consumer).register(registry).record(took);
    }

    private Counter events(String consumer, String outcome) {
        return Counter.builder("impala.inbox.events").description("Events a consumer received, by outcome")
                .tag("consumer", consumer).tag("outcome", outcome).register(registry);
    }
}
