package eu.impala.membership.member;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import eu.impala.commons.outbox.OutgoingEvent;
import eu.impala.commons.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reminds ACTIVE members that their renewal falls due: {@code member.renewal-due} once per member, renewal date and
 * reminder ({@code impala.membership.renewal.reminders}, days before the date; 30 and 7 by default). Notifications
 * turns the event into an email to the member's primary contact.
 * <p>
 * A member is reminded only by the nearest reminder whose window it is in: 20 days before its date it gets the 30-day
 * one, 5 days before the 7-day one and never the 30-day one late (a member that joined, or was renewed, 5 days before
 * its date, or a job that was down for a while). Each batch is one statement that records the reminders in
 * {@code renewal_reminder} (its key makes a second insert do nothing) and returns only those it inserted, whose
 * events go to the outbox in the same transaction: a second run, a restart or another replica sends none twice.
 */
@ApplicationScoped
public class RenewalReminders {

    private static final Logger LOG = Logger.getLogger(RenewalReminders.class);
    private static final int BATCH = 1000;

    private final Outbox outbox;
    private final int[] reminders;

    public RenewalReminders(Outbox outbox, RenewalCheck.Config config) {
        this.outbox = outbox;
        TreeSet<Integer> days = new TreeSet<>();
        for (Integer n : config.reminders()) {
            if (n == null || n < 0) {
                throw new IllegalArgumentException("impala.membership.renewal.reminders are days before the renewal "
                        + "date, none negative: " + config.reminders());
            }
            days.add(n);
        }
        this.reminders = days.stream().mapToInt(Integer::intValue).toArray();
    }

    @Scheduled(every = "${impala.membership.renewal.check-every:1h}", delayed = "40s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return remind(LocalDate.now(ZoneOffset.UTC))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("%d renewal reminder(s) sent", n);
                    }
                })
                .replaceWithVoid();
    }

    /** Sends the reminders due on {@code today} that were not sent yet; returns how many it sent. */
    public Uni<Integer> remind(LocalDate today) {
        if (reminders.length == 0) {
            return Uni.createFrom().item(0);
        }
        return batch(today).chain(n -> n < BATCH ? Uni.createFrom().item(n) : remind(today).map(more -> n + more));
    }

    private Uni<Integer> batch(LocalDate today) {
        int furthest = reminders[reminders.length - 1];
        Integer[] days = java.util.Arrays.stream(reminders).boxed().toArray(Integer[]::new);
        // the nearest reminder whose window the member is in: the fewest days before its date that are still at
        // least the days left; a reminder already recorded is left out before the limit, so a batch is all new
        return outbox.inTransaction(conn -> conn.preparedQuery("with due as (select m.id, m.represented_by, "
                        + "m.renewal_due_on, (select min(d) from unnest($2::int4[]) d "
                        + "where d >= m.renewal_due_on - $1::date) as days_before from member m "
                        + "where m.status = 'ACTIVE' and m.erased_at is null "
                        + "and m.renewal_due_on between $1::date and $1::date + $3::int4 "
                        // a member an erasure (or a status change) holds is left to the next run: a reminder recorded
                        // beside an erasure in flight would outlive it, and one for a member just suspended is wrong
                        + "for share of m skip locked), "
                        + "fresh as (select d.* from due d where not exists (select 1 from renewal_reminder r "
                        + "where r.member_id = d.id and r.renewal_due_on = d.renewal_due_on "
                        + "and r.days_before = d.days_before) order by d.id limit $4), "
                        + "sent as (insert into renewal_reminder (member_id, renewal_due_on, days_before, sent_at) "
                        + "select id, renewal_due_on, days_before, now() from fresh on conflict do nothing "
                        + "returning member_id, renewal_due_on, days_before) "
                        + "select s.member_id, f.represented_by, s.renewal_due_on, s.days_before from sent s "
                        + "join fresh f on f.id = s.member_id order by s.member_id")
                .execute(Tuple.of(today, days, furthest, BATCH))
                .chain(rows -> {
                    List<OutgoingEvent> events = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        events.add(MemberEvents.renewalDue(new MemberEvents.MemberRenewalDue(row.getUUID(0),
                                row.getUUID(1), row.getLocalDate(2), row.getInteger(3))));
                    }
                    return outbox.append(conn, events).replaceWith(rows.rowCount());
                }));
    }
}
