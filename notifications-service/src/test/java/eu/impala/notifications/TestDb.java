package eu.impala.notifications;

import java.time.Duration;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Waiting for the service's own tables to show what the events it consumes should have done. */
public final class TestDb {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private TestDb() {
    }

    public static long count(Pool pool, String sql, Object param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    /** Waits until {@code sql} (a count with one parameter) reaches {@code count}. */
    public static void awaitAtLeast(Pool pool, String sql, Object param, long count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long n = -1;
        while (System.nanoTime() < deadline) {
            n = count(pool, sql, param);
            if (n >= count) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("expected " + count + " rows, got " + n + ": " + sql);
    }
}
