package eu.impala.membership.member;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import eu.impala.local.KeycloakTokens;
import eu.impala.membership.MembershipTestServers;
import eu.impala.membership.TestMembers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Single-member writers of one association run side by side (they share its write guard), while the delta feed stays
 * in commit order: a writer takes the association's feed lock right before its feed row draws a seq and keeps it until
 * its commit, so a row committed later never has a smaller seq than one a reader may already have passed. A bulk
 * writer (a sync) takes the guard exclusively and waits for the single writers.
 */
@QuarkusTest
class FeedOrderTest {

    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;
    @Inject
    MemberLedger ledger;
    @Inject
    MemberStore store;

    @Test
    void aSecondWriterOfTheSameAssociationWaitsForTheFirstsCommitBeforeItsFeedRowDrawsASeq() throws Exception {
        UUID association = TestMembers.newAssociation();
        List<UUID> members = syncTwoMembers(association);

        SqlConnection first = pool.getConnection().await().atMost(WAIT);
        SqlConnection second = pool.getConnection().await().atMost(WAIT);
        SqlConnection bulk = pool.getConnection().await().atMost(WAIT);
        try {
            int secondPid = pid(second);
            int bulkPid = pid(bulk);
            Transaction firstTx = first.begin().await().atMost(WAIT);
            Transaction secondTx = second.begin().await().atMost(WAIT);
            // both take the association's guard shared and lock their own member: neither waits for the other here
            suspend(first, members.get(0)).await().atMost(WAIT);
            long firstSeq = first.preparedQuery("select max(seq) from member_journal where feed_association = $1")
                    .execute(Tuple.of(association)).await().atMost(WAIT).iterator().next().getLong(0);
            ledger.shareAssociations(second, List.of(association)).await().atMost(WAIT);
            Member secondMember = store.lock(second, List.of(members.get(1))).await().atMost(WAIT).get(0);

            // the second writer's feed row waits on the feed lock the first one holds until it commits: it has not
            // drawn its seq yet (sequences are not transactional: its nextval would show here)
            CompletableFuture<Void> secondRecorded = record(second, secondMember).subscribeAsCompletionStage();
            awaitAdvisoryWait(secondPid);
            assertFalse(secondRecorded.isDone(), "the second feed row was written before the first writer committed");
            assertEquals(firstSeq, pool.query("select last_value from outbox_event_seq_seq").execute().await().atMost(WAIT)
                    .iterator().next().getLong(0), "the second writer drew a feed seq before the first one committed");

            // a sync of the association takes the guard exclusively: it waits for both single writers
            Transaction bulkTx = bulk.begin().await().atMost(WAIT);
            CompletableFuture<Void> bulkGuard = ledger.lockAssociations(bulk, List.of(association)).subscribeAsCompletionStage();
            awaitAdvisoryWait(bulkPid);

            firstTx.commit().await().atMost(WAIT);
            secondRecorded.get(30, TimeUnit.SECONDS);
            assertFalse(bulkGuard.isDone(), "the sync's guard was granted while a single writer was still open");
            secondTx.commit().await().atMost(WAIT);
            bulkGuard.get(30, TimeUnit.SECONDS);
            bulkTx.rollback().await().atMost(WAIT);
        } finally {
            first.close().await().atMost(WAIT);
            second.close().await().atMost(WAIT);
            bulk.close().await().atMost(WAIT);
        }

        // in the feed the first committed change comes first, and a reader sees both
        List<Row> feed = new ArrayList<>();
        pool.preparedQuery("select seq, member_id, action from member_journal where feed_association = $1 "
                        + "and action = 'status-changed' order by seq")
                .execute(Tuple.of(association)).await().atMost(WAIT).forEach(feed::add);
        assertEquals(List.of(members.get(0), members.get(1)), feed.stream().map(r -> r.getUUID("member_id")).toList());
        assertTrue(feed.get(0).getLong("seq") < feed.get(1).getLong("seq"));
    }

    private List<UUID> syncTwoMembers(UUID association) {
        String body = "{\"records\":[" + record("order-1") + "," + record("order-2") + "]}";
        given().auth().oauth2(TOKENS.demoUser("secretariat")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/associations/" + association + "/sync").then().statusCode(200);
        List<UUID> ids = new ArrayList<>();
        pool.preparedQuery("select id from member where represented_by = $1 order by legal_name")
                .execute(Tuple.of(association)).await().atMost(WAIT).forEach(r -> ids.add(r.getUUID(0)));
        assertEquals(2, ids.size());
        return ids;
    }

    private static String record(String externalId) {
        return "{\"externalId\":\"" + externalId + "\",\"kind\":\"COMPANY\",\"legalName\":\"" + externalId + " SARL\","
                + "\"displayName\":\"" + externalId + "\",\"country\":\"PT\",\"contacts\":[]}";
    }

    /** What a status change does on its connection: shared guard, row lock, member update, history, feed, event. */
    private io.smallrye.mutiny.Uni<Void> suspend(SqlConnection conn, UUID id) {
        return ledger.shareAssociations(conn, List.of(representedBy(id)))
                .chain(() -> store.lock(conn, List.of(id)))
                .chain(locked -> record(conn, locked.get(0)));
    }

    private io.smallrye.mutiny.Uni<Void> record(SqlConnection conn, Member member) {
        MemberView before = MemberView.of(member);
        member.transitionTo(MembershipStatus.SUSPENDED, Instant.now());
        return store.update(conn, List.of(member))
                .chain(() -> ledger.record(conn, "test", List.of(MemberChange.statusChanged(member, before, "feed order"))));
    }

    private UUID representedBy(UUID member) {
        return pool.preparedQuery("select represented_by from member where id = $1").execute(Tuple.of(member))
                .await().atMost(WAIT).iterator().next().getUUID(0);
    }

    private static int pid(SqlConnection conn) {
        return conn.query("select pg_backend_pid()").execute().await().atMost(WAIT).iterator().next().getInteger(0);
    }

    /** Waits until that backend queues for an advisory lock in PostgreSQL (a positive marker, not a sleep). */
    private void awaitAdvisoryWait(int pid) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            long waiting = pool.preparedQuery("select count(*) from pg_locks where locktype = 'advisory' and not granted "
                            + "and pid = $1").execute(Tuple.of(pid))
                    .await().atMost(WAIT).iterator().next().getLong(0);
            if (waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("backend " + pid + " never waited for an advisory lock");
    }
}
