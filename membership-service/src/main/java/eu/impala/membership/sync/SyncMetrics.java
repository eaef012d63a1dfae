package eu.impala.membership.sync;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * Syncs on {@code /q/metrics}: the records of completed runs by result ({@code impala_sync_records_total{mode,dry_run,
 * result}}) and how long a run took from request to commit ({@code impala_sync_duration_seconds{mode,dry_run}}). Tags
 * are the mode, dry run and result only: never an association, a member or anything a record carries.
 */
@Startup // made at start, not on first use: its series are on /q/metrics (at zero) before anything happens
@ApplicationScoped
public class SyncMetrics {

    private static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        // every mode and result from the start, at zero: a series that appears only on its first increment hides it from rate()
        for (SyncMode mode : SyncMode.values()) {
            for (boolean dryRun : new boolean[] {false, true}) {
                timer(mode.wire(), dryRun);
                for (SyncOutcome.Result result : SyncOutcome.Result.values()) {
                    records(mode.wire(), dryRun, result.json());
                }
            }
        }
    }

    /** A run that completed (committed, or a dry run answered); replays of an Idempotency-Key are not runs. */
    void completed(SyncResult run, Duration took) {
        timer(run.mode(), run.dryRun()).record(took);
        for (SyncOutcome.Result result : SyncOutcome.Result.values()) {
            int n = run.summary().getOrDefault(result.json(), 0);
            if (n > 0) {
                records(run.mode(), run.dryRun(), result.json()).increment(n);
            }
        }
    }

    private Timer timer(String mode, boolean dryRun) {
        return Timer.builder("impala.sync.duration").description("Time a sync run took, from its request to its commit")
                .tags("mode", mode, "dry_run", Boolean.toString(dryRun)).serviceLevelObjectives(BUCKETS).register(registry);
    }

    private Counter records(String mode, boolean dryRun, String result) {
        return Counter.builder("impala.sync.records").description("Records of completed sync runs, by result")
                .tags("mode", mode, "dry_run", Boolean.toString(dryRun), "result", result).register(registry);
    }
}
