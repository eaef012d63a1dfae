package eu.impala.membership.association;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An association's ACTIVE members whose renewal falls due within a window from today, overdue ones first (an
 * overdue member is still ACTIVE only during its grace period: the renewal check lapses it after), by date then id.
 */
@ApplicationScoped
public class RenewalsDue {

    static final String DEFAULT_WITHIN = "P30D";
    /** A window longer than this is no longer "falling due": a list of every member, which GET /members gives. */
    static final int MAX_DAYS = 366;

    private final Pool pool;

    public RenewalsDue(Pool pool) {
        this.pool = pool;
    }

    /** The page after {@code cursor} of the members due by {@code today} plus {@code within}. */
    public Uni<CursorPage<RenewalDue>> list(UUID association, LocalDate today, Period within, String cursor, int limit) {
        LocalDate until = today.plus(within);
        String key = Cursor.decode(cursor);
        LocalDate afterDate = null;
        UUID afterId = null;
        if (key != null) {
            String[] parts = key.split("\\|");
            try {
                afterDate = LocalDate.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw Cursor.invalid();
            }
        }
        return pool.preparedQuery("select id, display_name, renewal_due_on from member where represented_by = $1 "
                        + "and status = 'ACTIVE' and erased_at is null and renewal_due_on <= $2 "
                        + "and ($3::date is null or (renewal_due_on, id) > ($3::date, $4::uuid)) "
                        + "order by renewal_due_on, id limit $5")
                .execute(Tuple.of(association, until, afterDate, afterId, limit + 1))
                .map(rows -> {
                    List<RenewalDue> due = new ArrayList<>();
                    for (Row row : rows) {
                        UUID id = row.getUUID(0);
                        LocalDate date = row.getLocalDate(2);
                        due.add(new RenewalDue(id, row.getString(1), date, (int) ChronoUnit.DAYS.between(today, date),
                                "/api/v1/members/" + id));
                    }
                    return CursorPage.of(due, limit, d -> d.renewalDueOn() + "|" + d.memberId());
                });
    }

    /** The window asked for: an ISO-8601 period of days, weeks or months from 0 up to a year; else a 400 problem. */
    public static Period within(String text, LocalDate today) {
        Period period;
        try {
            period = Period.parse(text == null || text.isBlank() ? DEFAULT_WITHIN : text.strip());
        } catch (DateTimeParseException e) {
            throw invalid("within must be an ISO-8601 period such as P30D or P2M, not " + text);
        }
        boolean tooLong;
        try {
            tooLong = ChronoUnit.DAYS.between(today, today.plus(period)) > MAX_DAYS;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            tooLong = true; // P1000000000Y: beyond any date
        }
        if (period.isNegative() || tooLong) {
            throw invalid("within must be from P0D up to P" + MAX_DAYS + "D");
        }
        return period;
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest(detail, List.of(new Problem.FieldError("within", detail)));
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
