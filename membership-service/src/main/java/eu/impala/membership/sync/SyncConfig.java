package eu.impala.membership.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Safety limits of the association sync. */
@ConfigMapping(prefix = "impala.membership.sync")
public interface SyncConfig {

    /** A snapshot that would lapse more than this share of the association's ACTIVE members is refused unless forced. */
    @WithDefault("0.10")
    double maxLapseShare();
}
