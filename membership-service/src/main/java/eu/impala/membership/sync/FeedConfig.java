package eu.impala.membership.sync;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long the delta feed can be followed ({@code impala.membership.feed.*}). */
@ConfigMapping(prefix = "impala.membership.feed")
public interface FeedConfig {

    /**
     * How far back the feed reaches. The journal keeps every change as history, but a cursor whose next change is
     * older than this is answered 410 Gone (the client resynchronises), and a read without a cursor starts here.
     */
    @WithDefault("90d")
    Duration retention();
}
