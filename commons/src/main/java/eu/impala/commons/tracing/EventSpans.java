package eu.impala.commons.tracing;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The spans of events in batches. A batch (the relay's, a consumer's) is a span of its own that links the traces of
 * its events, since it belongs to none of them alone; the work a batch does for one trace's events is a span in that
 * trace. Links and per-trace spans are made once per distinct trace context, not per event: a sync's 10,000 events
 * share one.
 */
@ApplicationScoped
public class EventSpans {

    /** At most this many traces are linked from, or get a span of, one batch (OpenTelemetry keeps 128 links a span). */
    public static final int MAX_TRACES = 128;
    static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> CONSUMER = AttributeKey.stringKey("messaging.consumer.group.name");

    private final Tracer tracer;

    public EventSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The relay's batch: publishing {@code events} events whose stored trace contexts are {@code origins}. */
    public Span publishing(Collection<String> origins, int events) {
        return batch("publish outbox", SpanKind.PRODUCER, origins, events).startSpan();
    }

    /**
     * A consumer's batch whose events carry {@code traceparents} (one per event, null for none): its span, linking the
     * events' traces, and a span in each of those traces for the part done for its events.
     */
    public BatchTrace receiving(String consumer, List<String> traceparents) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String traceparent : traceparents) {
            if (traceparent != null && (counts.size() < MAX_TRACES || counts.containsKey(traceparent))) {
                counts.merge(traceparent, 1, Integer::sum);
            }
        }
        Span batch = batch("process " + consumer, SpanKind.CONSUMER, counts.keySet(), traceparents.size())
                .setAttribute(CONSUMER, consumer).startSpan();
        Map<String, Span> perTrace = new HashMap<>();
        counts.forEach((traceparent, events) -> {
            SpanContext origin = TraceParent.parse(traceparent);
            if (origin.isValid()) {
                perTrace.put(traceparent, tracer.spanBuilder("process " + consumer)
                        .setParent(Context.root().with(Span.wrap(origin)))
                        .setSpanKind(SpanKind.CONSUMER)
                        .addLink(batch.getSpanContext())
                        .setAttribute(SYSTEM, "kafka")
                        .setAttribute(CONSUMER, consumer)
                        .setAttribute(BATCH_COUNT, (long) events)
                        .startSpan());
            }
        });
        return new BatchTrace(batch, perTrace);
    }

    /** A span for one piece of work done for a stored trace context (an email sent long after its event was applied). */
    public Span forStored(String name, SpanKind kind, String traceparent) {
        SpanContext origin = TraceParent.parse(traceparent);
        SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(kind);
        return (origin.isValid() ? builder.setParent(Context.root().with(Span.wrap(origin))) : builder.setNoParent())
                .startSpan();
    }

    private SpanBuilder batch(String name, SpanKind kind, Collection<String> origins, int events) {
        // a batch is its own trace, never a child of whatever woke it (the relay is woken inside a request)
        SpanBuilder builder = tracer.spanBuilder(name).setNoParent().setSpanKind(kind)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(BATCH_COUNT, (long) events);
        int linked = 0;
        for (String origin : origins) {
            SpanContext context = TraceParent.parse(origin);
            if (context.isValid() && linked++ < MAX_TRACES) {
                builder.addLink(context);
            }
        }
        return builder;
    }
}
