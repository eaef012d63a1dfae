package eu.impala.membership.statistics;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The status moves of months that can no longer change, kept in memory once counted, per association (or all
 * members). A journal row's time is the moment the service wrote it and rows are only appended (an erasure scrubs
 * their text, never their status moves), so a month is settled once every transaction that could still carry one of
 * its times has ended: {@link Config#settleAfter()} into the next month, far beyond any transaction here and any
 * clock skew between replicas. Months from then on are counted afresh on every call. Each replica keeps its own
 * copy; all copies agree, since what they hold cannot change.
 */
@ApplicationScoped
public class SettledMonths {

    @ConfigMapping(prefix = "impala.membership.statistics")
    public interface Config {
        /** How long into a month the previous one is still counted afresh. */
        @WithDefault("PT1H")
        Duration settleAfter();

        /**
         * At most this many (association, month) entries are kept (each a few status moves); past it, months are
         * counted afresh rather than kept, so that asking for ever other ranges cannot grow the memory.
         */
        @WithDefault("50000")
        int maxEntries();
    }

    private record Key(UUID association, YearMonth month) {
    }

    private final ConcurrentHashMap<Key, List<MonthlyMovements.Moves>> months = new ConcurrentHashMap<>();
    private final Config config;

    public SettledMonths(Config config) {
        this.config = config;
    }

    /** The first month not settled at {@code now}: it and every later month are counted afresh. */
    public YearMonth firstUnsettled(Instant now) {
        return YearMonth.from(now.minus(config.settleAfter()).atOffset(ZoneOffset.UTC));
    }

    /** The moves of every month of {@code range} for the association (null: all members), if all are kept. */
    Optional<List<MonthlyMovements.Moves>> get(UUID association, MonthRange range) {
        List<MonthlyMovements.Moves> moves = new ArrayList<>();
        for (YearMonth month : range.months()) {
            List<MonthlyMovements.Moves> kept = months.get(new Key(association, month));
            if (kept == null) {
                return Optional.empty();
            }
            moves.addAll(kept);
        }
        return Optional.of(moves);
    }

    /** Keeps the moves counted over a settled {@code range}: every month of it, those with none as well. */
    void put(UUID association, MonthRange range, List<MonthlyMovements.Moves> moves) {
        for (YearMonth month : range.months()) {
            if (months.size() >= config.maxEntries()) {
                return;
            }
            months.put(new Key(association, month), moves.stream().filter(m -> m.month().equals(month)).toList());
        }
    }
}
