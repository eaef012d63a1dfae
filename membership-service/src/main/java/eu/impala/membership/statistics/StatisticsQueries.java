package eu.impala.membership.statistics;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import eu.impala.membership.member.MemberKind;
import eu.impala.membership.member.MembershipCategory;
import eu.impala.membership.member.MembershipStatus;
import eu.impala.membership.member.SizeClass;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The membership statistics, each one statement grouping in PostgreSQL: today's counts from the members, the monthly
 * movements from the journal's status moves (an index covers them; settled months are kept once counted). Scoped
 * to what the caller may count.
 */
@ApplicationScoped
public class StatisticsQueries {

    /**
     * Every combination of the counted attributes with its members; the breakdowns are sums of these (a few hundred).
     * A MERGED member is no member: it was another's second record.
     */
    static final String CELLS = "select country, kind, size_class, category, status, count(*)::int4 from member "
            + "where erased_at is null and status <> 'MERGED'%s group by country, kind, size_class, category, status";
    /** Grouped by the indexed expression of the UTC month, so that the index gives the groups in order. */
    static final String MOVES = "select to_char(month, 'YYYY-MM'), status_before, status_after, n from ("
            + "select date_trunc('month', at at time zone 'UTC') as month, status_before, status_after, count(*)::int4 as n "
            + "from member_journal where status_after is not null and date_trunc('month', at at time zone 'UTC') >= $1 "
            + "and date_trunc('month', at at time zone 'UTC') < $2%s group by 1, 2, 3) moves";

    private final Pool pool;
    private final SettledMonths settled;

    public StatisticsQueries(Pool pool, SettledMonths settled) {
        this.pool = pool;
        this.settled = settled;
    }

    /**
     * The association whose members the caller counts: platform admins the one asked for, or all (null); an
     * association's staff and systems their own, and asking for another is a 403 problem.
     */
    public static UUID scope(Caller caller, UUID asked) {
        if (caller.isPlatformAdmin()) {
            return asked;
        }
        if (asked != null) {
            caller.requireAssociation(asked);
        }
        if (!caller.actsForAssociation()) {
            throw ProblemException.forbidden("this token is bound to no association: it may count no members");
        }
        return caller.associationId().get();
    }

    /** Today's counts of the members the association represents, or of all members (null). */
    public Uni<MemberCounts> counts(UUID association) {
        return cells(association).map(cells -> MemberCounts.of(association, cells));
    }

    /** Today's public counts, of all members. */
    public Uni<PublicCounts> publicCounts() {
        return cells(null).map(PublicCounts::of);
    }

    private Uni<List<MemberCounts.Cell>> cells(UUID association) {
        String sql = CELLS.formatted(association == null ? "" : " and represented_by = $1");
        Tuple params = association == null ? Tuple.tuple() : Tuple.of(association);
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<MemberCounts.Cell> cells = new ArrayList<>();
            for (Row r : rows) {
                cells.add(new MemberCounts.Cell(r.getString(0), MemberKind.valueOf(r.getString(1)),
                        r.getString(2) == null ? null : SizeClass.valueOf(r.getString(2)),
                        MembershipCategory.valueOf(r.getString(3)), MembershipStatus.valueOf(r.getString(4)),
                        r.getInteger(5)));
            }
            return cells;
        });
    }

    /**
     * The monthly movements of the range. A status move counts for the association that represented the member right
     * after it (the journal row's feed association), so a member that moved on keeps its past in its old association.
     * Settled months come from memory once counted ({@link SettledMonths}); the rest are counted on every call, so a
     * dashboard's usual range (the last months up to now) costs one statement over the current month's rows.
     */
    public Uni<MonthlyMovements> monthly(UUID association, MonthRange range) {
        YearMonth live = settled.firstUnsettled(Instant.now());
        Uni<List<MonthlyMovements.Moves>> past = Uni.createFrom().item(List.of());
        if (range.from().isBefore(live)) {
            YearMonth last = range.to().isBefore(live) ? range.to() : live.minusMonths(1);
            MonthRange part = new MonthRange(range.from(), last);
            past = settled.get(association, part).map(kept -> Uni.createFrom().item(kept))
                    .orElseGet(() -> moves(association, part).invoke(moves -> settled.put(association, part, moves)));
        }
        Uni<List<MonthlyMovements.Moves>> present = Uni.createFrom().item(List.of());
        if (!range.to().isBefore(live)) {
            present = moves(association, new MonthRange(range.from().isAfter(live) ? range.from() : live, range.to()));
        }
        return Uni.combine().all().unis(past, present).with((before, now) -> {
            List<MonthlyMovements.Moves> moves = new ArrayList<>(before);
            moves.addAll(now);
            return MonthlyMovements.of(association, range, moves);
        });
    }

    private Uni<List<MonthlyMovements.Moves>> moves(UUID association, MonthRange range) {
        String sql = MOVES.formatted(association == null ? "" : " and feed_association = $3");
        Tuple params = Tuple.of(range.start().toLocalDateTime(), range.end().toLocalDateTime());
        if (association != null) {
            params.addUUID(association);
        }
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<MonthlyMovements.Moves> moves = new ArrayList<>();
            for (Row r : rows) {
                moves.add(new MonthlyMovements.Moves(YearMonth.parse(r.getString(0)),
                        r.getString(1) == null ? null : MembershipStatus.valueOf(r.getString(1)),
                        MembershipStatus.valueOf(r.getString(2)), r.getInteger(3)));
            }
            return moves;
        });
    }
}
