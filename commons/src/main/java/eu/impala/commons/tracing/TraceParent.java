package eu.impala.commons.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;

/**
 * A W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}): how a trace context is stored with an event
 * (outbox row, journal row) and sent with it ({@code ce_traceparent} and {@code traceparent} headers).
 */
public final class TraceParent {

    private static final int LENGTH = 55;

    private TraceParent() {
    }

    /** The current span's context as a traceparent, or null when there is none (no request, no event). */
    public static String current() {
        return of(Span.current().getSpanContext());
    }

    /** {@code context} as a traceparent, or null when it is not valid. */
    public static String of(SpanContext context) {
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /**
     * The remote span context a traceparent names; an invalid context when it is null or malformed (a bad trace context
     * never makes an event poison: the event is only traced less).
     */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null || traceparent.length() != LENGTH || !traceparent.startsWith("00-")
                || traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-') {
            return SpanContext.getInvalid();
        }
        String traceId = traceparent.substring(3, 35);
        String spanId = traceparent.substring(36, 52);
        String flags = traceparent.substring(53);
        if (!TraceId.isValid(traceId) || !SpanId.isValid(spanId) || !isHex(flags)) {
            return SpanContext.getInvalid();
        }
        return SpanContext.createFromRemoteParent(traceId, spanId, TraceFlags.fromHex(flags, 0), TraceState.getDefault());
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
