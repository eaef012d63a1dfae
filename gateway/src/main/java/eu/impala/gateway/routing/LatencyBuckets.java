package eu.impala.gateway.routing;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Buckets for the gateway's request timer ({@code http_server_requests_seconds_bucket}): the latency callers see, at
 * the bounds the services use (commons' {@code LatencyBuckets}, a module the gateway must not pull in with its Kafka
 * and database extensions), so that the dashboard's p50 and p99 compare like with like.
 */
@Singleton
public class LatencyBuckets implements MeterFilter {

    /** 5 ms … 10 s, in nanoseconds: the unit Micrometer keeps a timer's bounds in. */
    private static final double[] BOUNDS = {5e6, 1e7, 2.5e7, 5e7, 1e8, 2.5e8, 5e8, 1e9, 2.5e9, 5e9, 1e10};

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        return "http.server.requests".equals(id.getName())
                ? DistributionStatisticConfig.builder().serviceLevelObjectives(BOUNDS).build().merge(config)
                : config;
    }
}
