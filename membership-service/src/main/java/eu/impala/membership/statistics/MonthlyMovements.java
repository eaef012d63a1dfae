package eu.impala.membership.statistics;

import java.time.YearMonth;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.impala.membership.member.MembershipStatus;

/** Joins, lapses, terminations and re-activations per month of a range, every month listed (zeros included). */
public record MonthlyMovements(
        @Schema(nullable = true, description = "The association whose members are counted; absent: all members")
        UUID association,
        @Schema(example = "2026-01") String from,
        @Schema(example = "2026-12") String to,
        List<Month> months) {

    /** One month's movements. */
    public record Month(@Schema(example = "2026-03") String month, int joins, int lapses, int terminations,
                        int reactivations) {
    }

    /** One group of the journal's status moves: in that month, that many went from one status to another. */
    public record Moves(YearMonth month, MembershipStatus before, MembershipStatus after, int members) {
    }

    /** The series of {@code range} from the grouped status moves: each group counts for its movement, if any. */
    public static MonthlyMovements of(UUID association, MonthRange range, List<Moves> moves) {
        Map<YearMonth, Map<Movement, Integer>> byMonth = new HashMap<>();
        for (Moves m : moves) {
            Movement.of(m.before(), m.after()).ifPresent(movement -> byMonth
                    .computeIfAbsent(m.month(), k -> new EnumMap<>(Movement.class))
                    .merge(movement, m.members(), Integer::sum));
        }
        List<Month> months = range.months().stream().map(month -> {
            Map<Movement, Integer> counts = byMonth.getOrDefault(month, Map.of());
            return new Month(month.toString(), counts.getOrDefault(Movement.JOIN, 0),
                    counts.getOrDefault(Movement.LAPSE, 0), counts.getOrDefault(Movement.TERMINATION, 0),
                    counts.getOrDefault(Movement.REACTIVATION, 0));
        }).toList();
        return new MonthlyMovements(association, range.from().toString(), range.to().toString(), months);
    }

    /** As CSV rows: one per month. */
    public List<Map<String, Object>> rows() {
        return months.stream().map(m -> Map.<String, Object>of("month", m.month(), "joins", m.joins(),
                "lapses", m.lapses(), "terminations", m.terminations(), "reactivations", m.reactivations())).toList();
    }

    public static final List<String> CSV_COLUMNS = List.of("month", "joins", "lapses", "terminations", "reactivations");
}
