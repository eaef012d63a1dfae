package eu.impala.membership.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;

import eu.impala.commons.problem.ProblemException;

class MonthRangeTest {

    private static final YearMonth NOW = YearMonth.of(2026, 5);

    @Test
    void withoutBoundsTheRangeIsTheTwelveMonthsUpToTheCurrentOne() {
        MonthRange range = MonthRange.parse(null, null, NOW);
        assertEquals(new MonthRange(YearMonth.of(2025, 6), NOW), range);
        assertEquals(12, range.months().size());
    }

    @Test
    void theRangeCoversItsMonthsWholeInUtc() {
        MonthRange range = MonthRange.parse("2025-11", "2026-01", NOW);
        assertEquals(OffsetDateTime.parse("2025-11-01T00:00Z"), range.start());
        assertEquals(OffsetDateTime.parse("2026-02-01T00:00Z"), range.end());
        assertEquals(3, range.months().size());
    }

    @Test
    void aMonthNotWrittenAsYearDashMonthIsRefusedNamingTheParameter() {
        for (String bad : new String[] {"2026-13", "2026-1", "26-01", "2026-01-01", "January"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> MonthRange.parse(bad, "2026-02", NOW), bad);
            assertEquals(400, e.status());
            assertEquals("from", e.errors().get(0).field());
        }
    }

    @Test
    void fromAfterToIsRefused() {
        ProblemException e = assertThrows(ProblemException.class, () -> MonthRange.parse("2026-03", "2026-02", NOW));
        assertEquals("from", e.errors().get(0).field());
    }

    @Test
    void aRangeOfMoreThanTenYearsIsRefusedAndTenYearsAreNot() {
        assertEquals(120, MonthRange.parse("2016-06", "2026-05", NOW).months().size());
        ProblemException e = assertThrows(ProblemException.class, () -> MonthRange.parse("2016-05", "2026-05", NOW));
        assertEquals("to", e.errors().get(0).field());
    }
}
