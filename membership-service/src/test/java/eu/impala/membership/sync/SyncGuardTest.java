package eu.impala.membership.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.local.KeycloakTokens;
import eu.impala.membership.MembershipTestServers;
import eu.impala.membership.TestMembers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Who may sync, and whether the request can be read at all, are settled before the association's write guard is
 * queued for: while another transaction holds the guard, a refused request is answered at once, and only an
 * accepted one waits for it.
 */
@QuarkusTest
class SyncGuardTest {

    @BeforeEach
    void demoAssociationsAreRegistered() {
        // the demo users' tokens name FR and DE: they act for associations that exist
        TestMembers.demoAssociations();
    }

    private static final String PROBLEM = "application/problem+json";
    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The advisory locks on the association's guard key, as pg_locks shows a bigint key: halves in classid, objid. */
    private static final String GUARD_LOCKS = "select count(*) filter (where granted), count(*) filter (where not granted) "
            + "from pg_locks where locktype = 'advisory' and objsubid = 1 "
            + "and ((classid::int8 << 32) | objid::int8) = hashtextextended($1, 0)";

    @Inject
    Pool pool;

    @Test
    void aCallerOfAnotherAssociationIsRefusedAtOnceWhileTheWriteGuardIsHeldAndSyncsNothing() throws Exception {
        UUID association = TestMembers.newAssociation();
        String body = SyncTest.batch(SyncTest.record("guard-1", "Guarded", "FR"));
        try (Guard guard = new Guard(association)) {
            answeredWhileHeld(() -> SyncTest.sync(TOKENS.demoUser("fr-admin"), association.toString(), "", body))
                    .then().statusCode(403).contentType(PROBLEM);
            answeredWhileHeld(() -> SyncTest.sync(TOKENS.clientCredentials("sync-de", "sync-de-dev-secret"),
                    association.toString(), "?mode=snapshot&force=true", body)).then().statusCode(403).contentType(PROBLEM);
            assertEquals(List.of(1L, 0L), guardLocks(association), "only the test's transaction holds the guard");
        }
        assertEquals(0L, count("select count(*) from member_external_ref where association_id = $1", association));
        assertEquals(0L, count("select count(*) from sync_run where association_id = $1", association));
    }

    @Test
    void badInputIsRefusedAtOnceWhileTheWriteGuardIsHeld() throws Exception {
        UUID association = TestMembers.newAssociation();
        String path = "/api/v1/associations/" + association + "/sync";
        String body = SyncTest.batch(SyncTest.record("guard-2", "Guarded", "FR"));
        try (Guard guard = new Guard(association)) {
            answeredWhileHeld(() -> SyncTest.sync(SyncTest.admin(), association.toString(), "?mode=merge", body))
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("mode"));
            answeredWhileHeld(() -> SyncTest.sync(SyncTest.admin(), association.toString(), "", "{\"records\": ["))
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("(body)"));
            answeredWhileHeld(() -> given().auth().oauth2(SyncTest.admin()).header("Idempotency-Key", "not a key")
                    .contentType(ContentType.JSON).body(body).post(path))
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("Idempotency-Key"));
            answeredWhileHeld(() -> given().auth().oauth2(SyncTest.admin()).contentType("text/csv").body("name,country\nA,FR")
                    .post(path)).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("row 1"));
            assertEquals(List.of(1L, 0L), guardLocks(association), "only the test's transaction holds the guard");
        }
    }

    @Test
    void anAcceptedSyncWaitsForTheWriteGuardAndRunsOnceItIsReleased() throws Exception {
        // the other side of the tests above: what they would see if a request queued for the guard
        UUID association = TestMembers.newAssociation();
        String body = SyncTest.batch(SyncTest.record("guard-3", "Guarded", "FR"));
        CompletableFuture<Response> accepted;
        try (Guard guard = new Guard(association)) {
            accepted = CompletableFuture.supplyAsync(() -> SyncTest.sync(SyncTest.admin(), association.toString(), "", body));
            awaitGuardWaiter(association);
            assertFalse(accepted.isDone(), "the sync ran while another transaction held the association's guard");
        }
        accepted.get(WAIT.toSeconds(), TimeUnit.SECONDS).then().statusCode(200).body("summary.created", is(1));
    }

    /** The response to a request sent while the guard is held; a request that waits for the guard fails the test. */
    private static Response answeredWhileHeld(Supplier<Response> request) throws Exception {
        try {
            return CompletableFuture.supplyAsync(request).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + WAIT + " while the association's write guard was held", e);
        }
    }

    private List<Long> guardLocks(UUID association) {
        var row = pool.preparedQuery(GUARD_LOCKS).execute(Tuple.of(association.toString())).await().atMost(WAIT)
                .iterator().next();
        return List.of(row.getLong(0), row.getLong(1));
    }

    /** Waits until some backend queues for the association's guard (a positive marker, not a sleep). */
    private void awaitGuardWaiter(UUID association) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (guardLocks(association).get(1) > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no request ever waited for the guard of " + association);
    }

    private long count(String sql, UUID association) {
        return pool.preparedQuery(sql).execute(Tuple.of(association)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    /** Another transaction holding the association's write guard, as a sync or the renewal check does. */
    private final class Guard implements AutoCloseable {

        private final SqlConnection conn;
        private final Transaction tx;

        Guard(UUID association) {
            conn = pool.getConnection().await().atMost(WAIT);
            tx = conn.begin().await().atMost(WAIT);
            conn.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                    .execute(Tuple.of(association.toString())).await().atMost(WAIT);
        }

        @Override
        public void close() {
            tx.rollback().await().atMost(WAIT);
            conn.close().await().atMost(WAIT);
        }
    }
}
