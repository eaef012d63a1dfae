package eu.impala.membership.statistics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.impala.membership.member.MemberKind;
import eu.impala.membership.member.MembershipCategory;
import eu.impala.membership.member.MembershipStatus;
import eu.impala.membership.member.SizeClass;

/**
 * How many members there are today, by country, kind, size class, category and status (each breakdown on its own,
 * summing to the total). Erased members are not counted. Every kind, size class, category and status is listed, zeros
 * included; a country only when it has members.
 */
public record MemberCounts(
        @Schema(nullable = true, description = "The association whose members are counted; absent: all members")
        UUID association,
        int total,
        @Schema(description = "ISO 3166-1 alpha-2 code → members") Map<String, Integer> byCountry,
        Map<String, Integer> byKind,
        @Schema(description = "MICRO, SMALL, MEDIUM, and UNCLASSIFIED for members without one (artists, associations, "
                + "companies above the SME thresholds or not declared)") Map<String, Integer> bySizeClass,
        Map<String, Integer> byCategory,
        Map<String, Integer> byStatus) {

    /** The label of members without a size class. */
    public static final String UNCLASSIFIED = "UNCLASSIFIED";

    /** One combination of the counted attributes and how many members have it: what the query groups by. */
    public record Cell(String country, MemberKind kind, SizeClass sizeClass, MembershipCategory category,
                       MembershipStatus status, int members) {

        String sizeLabel() {
            return sizeClass == null ? UNCLASSIFIED : sizeClass.name();
        }
    }

    public static MemberCounts of(UUID association, List<Cell> cells) {
        return new MemberCounts(association, cells.stream().mapToInt(Cell::members).sum(),
                breakdown(cells, Cell::country, List.of()),
                breakdown(cells, c -> c.kind().name(), names(MemberKind.values())),
                breakdown(cells, Cell::sizeLabel, sizeLabels()),
                breakdown(cells, c -> c.category().name(), names(MembershipCategory.values())),
                breakdown(cells, c -> c.status().name(), names(java.util.Arrays.stream(MembershipStatus.values())
                        .filter(MembershipStatus::isMembership).toArray(MembershipStatus[]::new))));
    }

    /** Members per label; the {@code listed} labels first (in their order, zeros included), then the others sorted. */
    static Map<String, Integer> breakdown(List<Cell> cells, Function<Cell, String> label, List<String> listed) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        listed.forEach(l -> counts.put(l, 0));
        Map<String, Integer> others = new TreeMap<>();
        for (Cell c : cells) {
            String l = label.apply(c);
            (counts.containsKey(l) ? counts : others).merge(l, c.members(), Integer::sum);
        }
        counts.putAll(others);
        return counts;
    }

    static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    static List<String> sizeLabels() {
        List<String> labels = new java.util.ArrayList<>(names(SizeClass.values()));
        labels.add(UNCLASSIFIED);
        return labels;
    }

    /** As CSV rows: one per cell of each breakdown. */
    public List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        rows.add(Map.of("breakdown", "total", "label", "", "members", total));
        MemberCounts.cells(rows, "country", byCountry);
        MemberCounts.cells(rows, "kind", byKind);
        MemberCounts.cells(rows, "sizeClass", bySizeClass);
        MemberCounts.cells(rows, "category", byCategory);
        MemberCounts.cells(rows, "status", byStatus);
        return rows;
    }

    /** The CSV columns of a breakdown's cells. */
    public static final List<String> CSV_COLUMNS = List.of("breakdown", "label", "members");

    static void cells(List<Map<String, Object>> rows, String breakdown, Map<String, ?> counts) {
        counts.forEach((label, members) -> rows.add(Map.of("breakdown", breakdown, "label", label, "members", members)));
    }
}
