package eu.impala.commons.testapp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.arc.Unremovable;

/** Every span the test application ends, as the SDK hands it to an exporter. */
@ApplicationScoped
@Unremovable
public class RecordedSpans implements SpanProcessor {

    private final List<SpanData> ended = new CopyOnWriteArrayList<>();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        ended.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /** The ended spans that match, once there are {@code count} of them (or whatever there is after {@code wait}). */
    public List<SpanData> await(Predicate<SpanData> match, int count, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<SpanData> found = ended.stream().filter(match).toList();
        while (found.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            found = ended.stream().filter(match).toList();
        }
        return found;
    }
}
