package eu.impala.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void failuresInARowOpenTheCircuitForAWhile() {
        CircuitBreaker breaker = new CircuitBreaker(3, 10 * SECOND);
        for (int i = 0; i < 3; i++) {
            assertTrue(breaker.permit(0).allowed());
            breaker.failure(0);
        }
        CircuitBreaker.Permit refused = breaker.permit(SECOND);
        assertFalse(refused.allowed());
        assertEquals(9, refused.retryAfterSeconds());
    }

    @Test
    void aSuccessBetweenFailuresKeepsItClosed() {
        CircuitBreaker breaker = new CircuitBreaker(3, 10 * SECOND);
        breaker.failure(0);
        breaker.failure(0);
        breaker.success();
        breaker.failure(0);
        breaker.failure(0);
        assertTrue(breaker.permit(0).allowed());
    }

    @Test
    void afterTheRestOneProbeDecidesWhetherItClosesOrOpensAgain() {
        CircuitBreaker breaker = new CircuitBreaker(1, 10 * SECOND);
        breaker.failure(0);
        assertTrue(breaker.permit(11 * SECOND).allowed(), "the probe");
        assertFalse(breaker.permit(11 * SECOND).allowed(), "only one probe at a time");
        breaker.failure(11 * SECOND);
        assertFalse(breaker.permit(12 * SECOND).allowed(), "open again");
        assertTrue(breaker.permit(22 * SECOND).allowed());
        breaker.success();
        assertTrue(breaker.permit(22 * SECOND).allowed());
        assertTrue(breaker.permit(22 * SECOND).allowed(), "closed: everyone goes");
    }
}
