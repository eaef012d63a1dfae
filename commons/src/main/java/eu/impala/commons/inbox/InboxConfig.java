package eu.impala.commons.inbox;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the idempotent consumers' inbox. */
@ConfigMapping(prefix = "impala.inbox")
public interface InboxConfig {

    /**
     * Where records that can never be applied go, with the reason in a {@code dead-letter-reason} header. Required
     * by a service that consumes events; a service without consumers has none.
     */
    Optional<String> deadLetterTopic();

    /** First pause before a batch that failed transiently (deadlock, lost connection) runs again; it doubles. */
    @WithDefault("20ms")
    Duration retryBackoff();

    /** Longest pause between two runs of a batch that keeps failing transiently (e.g. a database restarting). */
    @WithDefault("5s")
    Duration retryMaxBackoff();

    /**
     * How long a batch keeps being retried while it fails transiently. After that the batch fails unacknowledged and
     * the channel reports itself down (an orchestrator restarts the service, which gets the batch again); below the
     * Kafka connector's own 60 s limit for a record left unprocessed.
     */
    @WithDefault("45s")
    Duration retryFor();

    /** How often {@link ConsumerLag} reads the consumer groups' committed offsets and the partitions' ends. */
    @WithDefault("5s")
    Duration lagInterval();
}
