package eu.impala.campaigns;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the campaigns service ({@code impala.campaigns.*}). */
@ConfigMapping(prefix = "impala.campaigns")
public interface CampaignsConfig {

    /** How often the schedule opens and closes campaigns whose time has come. */
    @WithDefault("30s")
    Duration scheduleEvery();

    /**
     * How long a replica serves public counters from memory. Its own signatures refresh them at once; another
     * replica's are visible after this at the latest.
     */
    @WithDefault("2s")
    Duration countersTtl();

    /** Cache-Control max-age of public pages, in seconds, for browsers and CDNs. */
    @WithDefault("30")
    int publicMaxAge();

    /** Cache-Control max-age of public counters, in seconds. */
    @WithDefault("5")
    int countersMaxAge();
}
