package eu.impala.commons.tracing;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;

/**
 * The spans of events in batches. A batch (the relay's, a consumer's) is a span of its own that links the traces of
 * its events, since it belongs to none of them alone; the work a batch does for one trace's events is a span in that
 * trace. Links and per-trace spans are made once per distinct trace context, not per event: a sync's 10,000 events
 * share one. Work done for events runs {@link #within} its span, so that its log lines carry that span's ids.
 */
@ApplicationScoped
public class EventSpans {

    /** At most this many traces are linked from, or get a span of, one batch (OpenTelemetry keeps 128 links a span). */
    public static final int MAX_TRACES = 128;
    static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> CONSUMER = AttributeKey.stringKey("messaging.consumer.group.name");

    private final Tracer tracer;
    private final Vertx vertx;

    public EventSpans(Tracer tracer, Vertx vertx) {
        this.tracer = tracer;
        this.vertx = vertx;
    }

    /**
     * Runs {@code work} with {@code span} current, on a Vert.x duplicated context of its own: Quarkus keeps the current
     * span, and the traceId and spanId it puts in the log's MDC, in that context, the database's callbacks come back on
     * it, and Mutiny brings back the span that was current when {@code work} was put together, so every line that
     * {@code work} and its callbacks write carries the span's ids. See {@link #apart} for why a context of its own.
     */
    public <T> Uni<T> within(Span span, Supplier<Uni<T>> work) {
        return apart(() -> {
            // never closed: the context is this work's alone and is dropped with it
            Context.current().with(span).makeCurrent();
            return work.get();
        });
    }

    /**
     * Runs {@code work} on a Vert.x duplicated context of its own, where no request's ids or span are current. The caller
     * may be handling a request (the relay is woken after a request's commit): its span must not become the request's
     * current one, nor the request's ids (MDC, current span) end up on the work's lines. So the context is duplicated
     * from the event loop's root (a duplicate of the request's would share its MDC), and {@code work} is put together
     * and subscribed to there, not where the caller subscribes (Mutiny would bring the caller's span back around each
     * step of it).
     */
    public <T> Uni<T> apart(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            io.vertx.core.Context own = VertxContext.createNewDuplicatedContext(
                    VertxContext.getRootContext(vertx.getOrCreateContext()));
            AtomicReference<Cancellable> running = new AtomicReference<>();
            emitter.onTermination(() -> {
                Cancellable subscription = running.get();
                if (subscription != null) {
                    subscription.cancel();
                }
            });
            own.runOnContext(ignored -> running.set(work.get().subscribe().with(emitter::complete, emitter::fail)));
        });
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
