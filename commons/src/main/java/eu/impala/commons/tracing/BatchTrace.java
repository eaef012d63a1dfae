package eu.impala.commons.tracing;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/**
 * The spans of one consumer batch: the batch's own, and one in each trace its events came from (see
 * {@link EventSpans#receiving}).
 */
public final class BatchTrace {

    private final Span batch;
    private final Map<String, Span> perTrace;

    BatchTrace(Span batch, Map<String, Span> perTrace) {
        this.batch = batch;
        this.perTrace = perTrace;
    }

    /**
     * The trace context that effects written for {@code traceparents}' events should carry (an email to send later):
     * {@link #spanFor}'s.
     */
    public String contextFor(Collection<String> traceparents) {
        return TraceParent.of(spanFor(traceparents).getSpanContext());
    }

    /**
     * The span in which the work for {@code traceparents}' events is done: the span of their trace when they all share
     * one, else the batch's, which links them all.
     */
    public Span spanFor(Collection<String> traceparents) {
        String shared = null;
        for (String traceparent : traceparents) {
            if (traceparent == null || shared != null && !shared.equals(traceparent)) {
                return batch;
            }
            shared = traceparent;
        }
        Span span = shared == null ? null : perTrace.get(shared);
        return Objects.requireNonNullElse(span, batch);
    }

    /** Ends every span; a failure marks them all. */
    public void end(Throwable failure) {
        perTrace.values().forEach(span -> end(span, failure));
        end(batch, failure);
    }

    private static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }
}
