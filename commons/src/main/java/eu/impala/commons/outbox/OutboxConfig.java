package eu.impala.commons.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the transactional outbox and its relay. */
@ConfigMapping(prefix = "impala.outbox")
public interface OutboxConfig {

    /** The {@code ce_source} of every event this service publishes, e.g. {@code /membership-service}. */
    String source();

    /**
     * Events published per relay transaction, about: a batch takes whole rows while the events before them are fewer
     * (a row of membership's journal carries a member's and its contacts' events), and at most this many rows. Each
     * batch waits for Kafka's acknowledgement of its last record, so a 10,000-member sync's 25,000 events take three
     * batches instead of thirteen (4.2 s → 2.4 s to publish them all on the 2-core benchmark machine, propagation
     * benchmark).
     */
    @WithDefault("10000")
    int batchSize();

    /** How often the relay sweeps for rows that were committed but not published (e.g. after a crash). */
    @WithDefault("5s")
    Duration sweepInterval();

    /** How long published rows are kept (for replay and audit) before the relay prunes them in bulk. */
    @WithDefault("P7D")
    Duration retention();

    /** Turns the after-commit publishing off; only the sweep publishes then (used to test crash recovery). */
    @WithDefault("true")
    boolean publishAfterCommit();
}
