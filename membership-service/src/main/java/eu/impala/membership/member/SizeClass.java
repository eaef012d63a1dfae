package eu.impala.membership.member;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The SME size class of a company under the EU definition (Recommendation 2003/361/EC): by staff headcount
 * and annual turnover. A company above the medium thresholds is not an SME and has no size class.
 */
public enum SizeClass {
    MICRO(10, new BigDecimal("2000000")),
    SMALL(50, new BigDecimal("10000000")),
    MEDIUM(250, new BigDecimal("50000000"));

    private final int headcountBelow;
    private final BigDecimal turnoverAtMost;

    SizeClass(int headcountBelow, BigDecimal turnoverAtMost) {
        this.headcountBelow = headcountBelow;
        this.turnoverAtMost = turnoverAtMost;
    }

    /**
     * The smallest class whose limits both given figures respect; with one figure, by that one alone; with
     * none, {@code declared} as the member stated it.
     */
    public static Optional<SizeClass> classify(Integer headcount, BigDecimal turnoverEur, SizeClass declared) {
        if (headcount == null && turnoverEur == null) {
            return Optional.ofNullable(declared);
        }
        for (SizeClass size : values()) {
            boolean staffFits = headcount == null || headcount < size.headcountBelow;
            boolean turnoverFits = turnoverEur == null || turnoverEur.compareTo(size.turnoverAtMost) <= 0;
            if (staffFits && turnoverFits) {
                return Optional.of(size);
            }
        }
        return Optional.empty();
    }
}
