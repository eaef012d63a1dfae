package eu.impala.membership.statistics;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;

/** The months a series covers, both ends included, in UTC: at most {@link #MAX_MONTHS}, twelve by default. */
public record MonthRange(YearMonth from, YearMonth to) {

    /** Ten years: longer series are a job for an export, not for a dashboard query. */
    public static final int MAX_MONTHS = 120;
    static final int DEFAULT_MONTHS = 12;
    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

    /**
     * The range asked for: {@code to} defaults to the current month, {@code from} to eleven months before {@code to}.
     * A malformed month, {@code from} after {@code to} or more than {@link #MAX_MONTHS} months are 400 problems.
     */
    public static MonthRange parse(String from, String to, YearMonth now) {
        YearMonth end = to == null || to.isBlank() ? now : month(to, "to");
        YearMonth start = from == null || from.isBlank() ? end.minusMonths(DEFAULT_MONTHS - 1L) : month(from, "from");
        if (start.isAfter(end)) {
            throw invalid("from", "must not be after to (" + end + ")");
        }
        if (start.until(end, ChronoUnit.MONTHS) >= MAX_MONTHS) {
            throw invalid("to", "at most " + MAX_MONTHS + " months from from (" + start + "), both included");
        }
        return new MonthRange(start, end);
    }

    private static YearMonth month(String value, String parameter) {
        if (!MONTH.matcher(value.strip()).matches()) {
            throw invalid(parameter, "must be a month as YYYY-MM");
        }
        return YearMonth.parse(value.strip());
    }

    private static ProblemException invalid(String parameter, String message) {
        return ProblemException.badRequest(parameter + " " + message, List.of(new Problem.FieldError(parameter, message)));
    }

    /** The first instant of the range. */
    public OffsetDateTime start() {
        return from.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** The first instant after the range. */
    public OffsetDateTime end() {
        return to.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }
}
