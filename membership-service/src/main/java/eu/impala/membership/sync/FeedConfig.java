package eu.impala.membership.sync;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long the delta feed keeps its changes ({@code impala.membership.feed.*}). */
@ConfigMapping(prefix = "impala.membership.feed")
public interface FeedConfig {

    /** Changes older than this are deleted; a cursor from before them is answered 410 Gone. */
    @WithDefault("90d")
    Duration retention();

    /** How often old changes are deleted. */
    @WithDefault("1h")
    Duration pruneEvery();
}
