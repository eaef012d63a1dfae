package eu.impala.membership.member;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import eu.impala.commons.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Lapses ACTIVE members whose renewal is overdue by more than the grace period. */
@ApplicationScoped
public class RenewalCheck {

    static final String ACTOR = "system:renewal-check";
    private static final Logger LOG = Logger.getLogger(RenewalCheck.class);
    private static final int BATCH = 1000;

    /** How long after its renewal date an unrenewed membership lapses. */
    @ConfigMapping(prefix = "impala.membership.renewal")
    public interface Config {
        @WithDefault("P30D")
        Duration gracePeriod();

        /** How often to look (read by the scheduler through its expression). */
        @WithDefault("1h")
        String checkEvery();

        /**
         * One membership period, an ISO-8601 period: a re-activation without a new date moves the old one on by
         * whole periods.
         */
        @WithDefault("P1Y")
        String period();

        /** How many days before its renewal date a member's primary contact is reminded, one reminder each. */
        @WithDefault("30,7")
        List<Integer> reminders();
    }

    /** The membership period of {@code config}; a setting that is no positive ISO-8601 period stops the start. */
    public static Period period(Config config) {
        Period period = Period.parse(config.period());
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("impala.membership.renewal.period must be positive: " + config.period());
        }
        return period;
    }

    private final Outbox outbox;
    private final MemberStore store;
    private final MemberLedger ledger;
    private final Config config;

    public RenewalCheck(Outbox outbox, MemberStore store, MemberLedger ledger, Config config) {
        this.outbox = outbox;
        this.store = store;
        this.ledger = ledger;
        this.config = config;
    }

    @Scheduled(every = "${impala.membership.renewal.check-every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return lapseOverdue(LocalDate.now(ZoneOffset.UTC))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("%d member(s) lapsed: renewal overdue beyond the grace period", n);
                    }
                })
                .replaceWithVoid();
    }

    /** Lapses every member overdue on {@code today}; returns how many lapsed. */
    public Uni<Integer> lapseOverdue(LocalDate today) {
        LocalDate cutoff = today.minusDays(config.gracePeriod().toDays());
        return lapseBatch(cutoff).chain(n -> n < BATCH ? Uni.createFrom().item(n)
                : lapseOverdue(today).map(more -> n + more));
    }

    private Uni<Integer> lapseBatch(LocalDate cutoff) {
        return outbox.inTransaction(conn -> conn.preparedQuery("select id, represented_by from member "
                        + "where status = 'ACTIVE' and renewal_due_on < $1 and erased_at is null order by id limit $2")
                .execute(Tuple.of(cutoff, BATCH))
                .chain(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    Set<UUID> associations = new LinkedHashSet<>();
                    for (Row row : rows) {
                        ids.add(row.getUUID(0));
                        associations.add(row.getUUID(1));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return ledger.lockAssociations(conn, associations)
                            .chain(() -> store.lock(conn, ids))
                            .chain(locked -> {
                                List<Member> lapsed = new ArrayList<>();
                                List<MemberChange> changes = new ArrayList<>();
                                for (Member m : locked) {
                                    // a member moved to another association since it was read is left to the next
                                    // round, which takes that association's guard
                                    if (associations.contains(m.representedBy) && m.status == MembershipStatus.ACTIVE
                                            && m.renewalDueOn != null
                                            && m.renewalDueOn.isBefore(cutoff)) {
                                        MemberView before = MemberView.of(m);
                                        m.transitionTo(MembershipStatus.LAPSED, MemberService.now());
                                        lapsed.add(m);
                                        changes.add(MemberChange.statusChanged(m, before, "renewal was due on "
                                                + before.renewalDueOn() + " and the grace period of "
                                                + config.gracePeriod().toDays() + " days is over"));
                                    }
                                }
                                return store.update(conn, lapsed)
                                        .chain(() -> ledger.record(conn, ACTOR, changes))
                                        .replaceWith(ids.size());
                            });
                }));
    }
}
