package eu.impala.gateway.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per client: each refills at {@code perSecond} up to {@code burst}. A request takes a token or is
 * told how long until one is there. In memory per gateway replica: with n replicas a client gets up to n times
 * the rate, which is what a per-replica limit means.
 */
public final class RateLimiter {

    /** The decision for one request: allowed, or the seconds to wait before the next one is. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private static final int PURGE_ABOVE = 10_000;

    private final double perSecond;
    private final double burst;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>(); // {tokens, lastRefillNanos}

    public RateLimiter(double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
    }

    public Decision take(String client, long nowNanos) {
        if (buckets.size() > PURGE_ABOVE) {
            // a full bucket untouched for a while is the same as no bucket: forget it
            buckets.values().removeIf(b -> refilled(b, nowNanos) >= burst);
        }
        double[] bucket = buckets.computeIfAbsent(client, c -> new double[] {burst, nowNanos});
        synchronized (bucket) {
            double tokens = refilled(bucket, nowNanos);
            bucket[1] = nowNanos;
            if (tokens >= 1) {
                bucket[0] = tokens - 1;
                return new Decision(true, 0);
            }
            bucket[0] = tokens;
            return new Decision(false, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }

    private double refilled(double[] bucket, long nowNanos) {
        double elapsed = Math.max(0, nowNanos - (long) bucket[1]) / 1e9;
        return Math.min(burst, bucket[0] + elapsed * perSecond);
    }
}
