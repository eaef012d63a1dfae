package eu.impala.gateway.routing;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One service's circuit breaker: after {@code threshold} failures in a row (unreachable, or silent past the
 * timeout) the gateway stops sending to it for {@code openNanos} and answers 503 at once, so that callers do not
 * pile up on a dead service; then one request probes it, and a success closes the circuit.
 */
public final class CircuitBreaker {

    /** Whether a request may go, and if not, how long until one may. */
    public record Permit(boolean allowed, long retryAfterSeconds) {
    }

    private final int threshold;
    private final long openNanos;
    private final AtomicInteger failures = new AtomicInteger();
    /** When the current probe went out (0: none); a probe that never reports back is replaced after a while. */
    private final AtomicLong probeSince = new AtomicLong();
    private volatile long openUntil;

    public CircuitBreaker(int threshold, long openNanos) {
        this.threshold = threshold;
        this.openNanos = openNanos;
    }

    public Permit permit(long nowNanos) {
        if (failures.get() < threshold) {
            return new Permit(true, 0);
        }
        long wait = openUntil - nowNanos;
        if (wait > 0) {
            return new Permit(false, Math.max(1, (long) Math.ceil(wait / 1e9)));
        }
        // half open: one request at a time finds out whether the service is back
        long probe = probeSince.get();
        boolean mayProbe = (probe == 0 || nowNanos - probe > openNanos) && probeSince.compareAndSet(probe, nowNanos);
        return mayProbe ? new Permit(true, 0) : new Permit(false, 1);
    }

    public void success() {
        failures.set(0);
        probeSince.set(0);
    }

    public void failure(long nowNanos) {
        if (failures.incrementAndGet() >= threshold) {
            openUntil = nowNanos + openNanos;
        }
        probeSince.set(0);
    }
}
