package eu.impala.commons.http;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Buckets for the API's request timer ({@code http_server_requests_seconds_bucket}): Quarkus publishes only count, sum
 * and max, from which no p50 or p99 can be had across pods. A dozen fixed bounds keep the series few per route.
 */
@Singleton
public class LatencyBuckets implements MeterFilter {

    /** 5 ms … 10 s, in nanoseconds: the unit Micrometer keeps a timer's bounds in. */
    private static final double[] BOUNDS = {5e6, 1e7, 2.5e7, 5e7, 1e8, 2.5e8, 5e8, 1e9, 2.5e9, 5e9, 1e10};

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!"http.server.requests".equals(id.getName())) {
            return config;
        }
        return DistributionStatisticConfig.builder().serviceLevelObjectives(BOUNDS).build().merge(config);
    }
}
