package eu.impala.membership.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SmallCellsTest {

    private static Map<String, Integer> counts(Object... labelsAndCounts) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndCounts.length; i += 2) {
            counts.put((String) labelsAndCounts[i], (Integer) labelsAndCounts[i + 1]);
        }
        return counts;
    }

    @Test
    void aCountOfFourShowsAsFewerThanFiveAndACountOfFiveAsItIs() {
        Map<String, Object> shown = SmallCells.suppress(counts("MT", 4, "LU", 5, "CY", 3, "FR", 20));
        assertEquals(Map.of("MT", "<5", "LU", 5, "CY", "<5", "FR", 20), shown);
    }

    @Test
    void aBreakdownWithoutSmallCountsShowsEveryCountAndZerosAsZero() {
        assertEquals(Map.of("ARTIST", 0, "COMPANY", 12, "NATIONAL_ASSOCIATION", 5),
                SmallCells.suppress(counts("ARTIST", 0, "COMPANY", 12, "NATIONAL_ASSOCIATION", 5)));
    }

    @Test
    void aLoneSmallCountHidesTheSmallestShownCountSoThatTheTotalDoesNotGiveItAway() {
        assertEquals(Map.of("MT", "<5", "BE", ">=5", "FR", 40),
                SmallCells.suppress(counts("MT", 3, "BE", 6, "FR", 40)));
    }

    @Test
    void smallCountsThatCouldOnlyAllBeOneAreHiddenWithTheSmallestShownCount() {
        assertEquals(Map.of("MT", "<5", "CY", "<5", "LU", ">=5", "FR", 9),
                SmallCells.suppress(counts("MT", 1, "CY", 1, "LU", 7, "FR", 9)));
    }

    @Test
    void smallCountsThatCouldOnlyAllBeFourAreHiddenWithTheSmallestShownCount() {
        assertEquals(Map.of("MT", "<5", "CY", "<5", "LU", ">=5", "FR", 90),
                SmallCells.suppress(counts("MT", 4, "CY", 4, "LU", 50, "FR", 90)));
    }

    @Test
    void hiddenCountsAreSafeOnlyWhenEachSmallOneCouldBeTwoValues() {
        assertEquals(false, SmallCells.safe(1, 0, 3), "one small count alone is its sum");
        assertEquals(true, SmallCells.safe(2, 0, 5), "1+4, 2+3, 3+2, 4+1");
        assertEquals(false, SmallCells.safe(1, 1, 6), "6 = 1 + 5: the small count can only be 1");
        assertEquals(true, SmallCells.safe(1, 1, 7), "7 = 1 + 6 or 2 + 5");
    }
}
