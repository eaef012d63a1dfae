package eu.impala.membership.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import eu.impala.membership.member.MembershipStatus;

class SettledMonthsTest {

    private static SettledMonths settled(Duration after, int max) {
        return new SettledMonths(new SettledMonths.Config() {
            @Override
            public Duration settleAfter() {
                return after;
            }

            @Override
            public int maxEntries() {
                return max;
            }
        });
    }

    @Test
    void theLastMonthStaysLiveForTheFirstHourOfTheNext() {
        SettledMonths months = settled(Duration.ofHours(1), 10);
        assertEquals(YearMonth.of(2026, 11), months.firstUnsettled(Instant.parse("2026-12-01T00:59:59Z")));
        assertEquals(YearMonth.of(2026, 12), months.firstUnsettled(Instant.parse("2026-12-01T01:00:00Z")));
        assertEquals(YearMonth.of(2026, 12), months.firstUnsettled(Instant.parse("2026-12-31T23:59:59Z")));
    }

    @Test
    void aRangeIsServedOnlyWhenEveryMonthOfItIsKeptEmptyMonthsIncluded() {
        SettledMonths months = settled(Duration.ofHours(1), 10);
        UUID association = UUID.randomUUID();
        var join = new MonthlyMovements.Moves(YearMonth.of(2025, 3), MembershipStatus.APPLICANT, MembershipStatus.ACTIVE, 4);
        months.put(association, new MonthRange(YearMonth.of(2025, 2), YearMonth.of(2025, 4)), List.of(join));
        assertEquals(List.of(join), months.get(association, new MonthRange(YearMonth.of(2025, 2), YearMonth.of(2025, 4)))
                .orElseThrow());
        assertEquals(List.of(), months.get(association, new MonthRange(YearMonth.of(2025, 4), YearMonth.of(2025, 4)))
                .orElseThrow());
        assertTrue(months.get(association, new MonthRange(YearMonth.of(2025, 1), YearMonth.of(2025, 3))).isEmpty());
        assertTrue(months.get(null, new MonthRange(YearMonth.of(2025, 3), YearMonth.of(2025, 3))).isEmpty(),
                "all members are kept apart from one association");
    }

    @Test
    void pastItsBoundNothingMoreIsKept() {
        SettledMonths months = settled(Duration.ofHours(1), 2);
        months.put(null, new MonthRange(YearMonth.of(2025, 1), YearMonth.of(2025, 3)), List.of());
        assertTrue(months.get(null, new MonthRange(YearMonth.of(2025, 1), YearMonth.of(2025, 2))).isPresent());
        assertTrue(months.get(null, new MonthRange(YearMonth.of(2025, 3), YearMonth.of(2025, 3))).isEmpty());
    }
}
