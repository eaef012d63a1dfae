package eu.impala.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aClientGetsItsBurstThenWaitsForTheRefill() {
        RateLimiter limiter = new RateLimiter(2, 3);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.take("a", 0).allowed(), "burst request " + i);
        }
        RateLimiter.Decision refused = limiter.take("a", 0);
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds());
        assertTrue(limiter.take("a", SECOND / 2).allowed(), "half a second at 2/s refills one");
        assertFalse(limiter.take("a", SECOND / 2).allowed());
    }

    @Test
    void clientsDoNotShareABucket() {
        RateLimiter limiter = new RateLimiter(1, 1);
        assertTrue(limiter.take("a", 0).allowed());
        assertFalse(limiter.take("a", 0).allowed());
        assertTrue(limiter.take("b", 0).allowed());
    }

    @Test
    void aQuietClientIsBackToAFullBurstButNoMore() {
        RateLimiter limiter = new RateLimiter(10, 2);
        limiter.take("a", 0);
        limiter.take("a", 0);
        long later = 60 * SECOND;
        assertTrue(limiter.take("a", later).allowed());
        assertTrue(limiter.take("a", later).allowed());
        assertFalse(limiter.take("a", later).allowed(), "the bucket holds the burst, not a minute's worth");
    }
}
