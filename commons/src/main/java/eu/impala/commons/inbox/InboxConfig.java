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
     * How long a batch keeps being retried while it fails transiently; after that it is applied record by record and
     * whatever still fails goes to the dead-letter topic.
     */
    @WithDefault("5m")
    Duration retryFor();
}
