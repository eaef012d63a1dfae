package eu.impala.campaigns.signature;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Signatures on {@code /q/metrics}: those added ({@code impala_signatures_added_total}) and withdrawn
 * ({@code impala_signatures_withdrawn_total}), counted once committed. No tags: a campaign or a member would be
 * unbounded, and the counters per campaign are the public counters' job.
 */
@Startup // made at start, not on first use: its series are on /q/metrics (at zero) before anything happens
@ApplicationScoped
public class SignatureMetrics {

    private final Counter added;
    private final Counter withdrawn;

    public SignatureMetrics(MeterRegistry registry) {
        this.added = Counter.builder("impala.signatures.added").description("Signatures added (a repeated sign adds none)")
                .register(registry);
        this.withdrawn = Counter.builder("impala.signatures.withdrawn").description("Signatures withdrawn")
                .register(registry);
    }

    void added() {
        added.increment();
    }

    void withdrawn() {
        withdrawn.increment();
    }
}
