package eu.impala.membership.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.impala.membership.member.MemberKind;
import eu.impala.membership.member.MembershipStatus;

/**
 * What anyone may know of the membership: ACTIVE members by country, size class and kind, with small counts hidden by
 * {@link SmallCells}. No total is given (it would only help to recover hidden counts).
 */
public record PublicCounts(
        @Schema(description = "ISO 3166-1 alpha-2 code → members: a number, \"<5\" (1 to 4) or \">=5\" (hidden so "
                + "that a \"<5\" cannot be worked out by subtraction)") Map<String, Object> byCountry,
        @Schema(description = "MICRO, SMALL, MEDIUM, UNCLASSIFIED → members, as byCountry") Map<String, Object> bySizeClass,
        @Schema(description = "COMPANY, ARTIST, NATIONAL_ASSOCIATION → members, as byCountry") Map<String, Object> byKind) {

    /** The public counts of the ACTIVE members among {@code cells}. */
    public static PublicCounts of(List<MemberCounts.Cell> cells) {
        List<MemberCounts.Cell> active = cells.stream().filter(c -> c.status() == MembershipStatus.ACTIVE).toList();
        return new PublicCounts(
                SmallCells.suppress(MemberCounts.breakdown(active, MemberCounts.Cell::country, List.of())),
                SmallCells.suppress(MemberCounts.breakdown(active, MemberCounts.Cell::sizeLabel, MemberCounts.sizeLabels())),
                SmallCells.suppress(MemberCounts.breakdown(active, c -> c.kind().name(),
                        MemberCounts.names(MemberKind.values()))));
    }

    /** As CSV rows: one per cell of each breakdown. */
    public List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        MemberCounts.cells(rows, "country", byCountry);
        MemberCounts.cells(rows, "sizeClass", bySizeClass);
        MemberCounts.cells(rows, "kind", byKind);
        return rows;
    }
}
