package eu.impala.membership.member;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SizeClassTest {

    @Test
    void headcountAndTurnoverTogetherDecide() {
        assertEquals(Optional.of(SizeClass.MICRO), SizeClass.classify(9, new BigDecimal("2000000"), null));
        assertEquals(Optional.of(SizeClass.SMALL), SizeClass.classify(9, new BigDecimal("2000001"), null));
        assertEquals(Optional.of(SizeClass.SMALL), SizeClass.classify(10, new BigDecimal("100"), null));
        assertEquals(Optional.of(SizeClass.MEDIUM), SizeClass.classify(249, new BigDecimal("50000000"), null));
    }

    @Test
    void aboveMediumIsNotAnSme() {
        assertEquals(Optional.empty(), SizeClass.classify(250, new BigDecimal("1"), null));
        assertEquals(Optional.empty(), SizeClass.classify(5, new BigDecimal("50000001"), null));
    }

    @Test
    void oneFigureAloneDecidesAndNoneKeepsWhatWasDeclared() {
        assertEquals(Optional.of(SizeClass.SMALL), SizeClass.classify(12, null, SizeClass.MICRO));
        assertEquals(Optional.of(SizeClass.MICRO), SizeClass.classify(null, new BigDecimal("150000"), null));
        assertEquals(Optional.of(SizeClass.MEDIUM), SizeClass.classify(null, null, SizeClass.MEDIUM));
        assertEquals(Optional.empty(), SizeClass.classify(null, null, null));
    }
}
