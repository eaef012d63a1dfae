package eu.impala.commons.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanContext;

class TraceParentTest {

    private static final String SAMPLED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aTraceparentReadsBackToTheContextItWasWrittenFrom() {
        SpanContext context = TraceParent.parse(SAMPLED);
        assertTrue(context.isValid());
        assertTrue(context.isRemote());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", context.getTraceId());
        assertEquals("00f067aa0ba902b7", context.getSpanId());
        assertTrue(context.isSampled());
        assertEquals(SAMPLED, TraceParent.of(context));
        assertFalse(TraceParent.parse(SAMPLED.substring(0, 53) + "00").isSampled());
    }

    @Test
    void aMissingOrMalformedTraceparentIsNoContextRatherThanAnError() {
        for (String bad : new String[] {null, "", "garbage", SAMPLED.replace("00-4b", "01-4b"),
                SAMPLED.toUpperCase(), "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", SAMPLED + "-extra",
                SAMPLED.replace('-', '_')}) {
            assertFalse(TraceParent.parse(bad).isValid(), String.valueOf(bad));
        }
        assertNull(TraceParent.of(SpanContext.getInvalid()));
    }
}
