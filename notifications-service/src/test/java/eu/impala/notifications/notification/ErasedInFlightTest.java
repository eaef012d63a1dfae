package eu.impala.notifications.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An email claimed by the worker, then its contact erased before the worker records the outcome (the SMTP
 * dialogue takes a while): the outcome keeps the count but writes neither address, subject nor error back.
 */
@QuarkusTest
class ErasedInFlightTest {

    @Inject
    Pool pool;
    @Inject
    DeliveryWorker worker;

    @Test
    void theOutcomeOfAnEmailWhoseRecipientWasErasedMeanwhileWritesNoPersonalDataBack() {
        UUID id = UUID.randomUUID();
        String email = "in-flight-" + id + "@x.example";
        pool.preparedQuery("insert into notification (id, event_id, kind, channel, recipient, model, status, attempts, "
                        + "next_attempt_at, created_at) values ($1, $2, 'welcome', 'EMAIL', $3, '{}', 'PENDING', 0, "
                        + "now() + interval '1 day', now())") // not due: the running worker leaves it to this test
                .execute(Tuple.of(id, UUID.randomUUID(), "erased:" + id)).await().indefinitely();
        DeliveryWorker.Claimed claimed = new DeliveryWorker.Claimed(id, UUID.randomUUID(), Channel.EMAIL, "welcome",
                "contact:" + UUID.randomUUID(), null, new JsonObject(), 0, null, null);
        worker.record(List.of(new DeliveryWorker.Outcome(List.of(claimed), new DeliveryWorker.Addressee(null, "Erika", email, "de"),
                "Willkommen, Erika", "550 no mailbox " + email))).await().indefinitely();

        var row = pool.preparedQuery("select address, subject, last_error, attempts from notification where id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next();
        assertEquals(1, row.getInteger("attempts"), "the attempt is counted");
        assertEquals(java.util.Arrays.asList(null, null, null), java.util.Arrays.asList(row.getString("address"),
                row.getString("subject"), row.getString("last_error")));
        assertEquals(0L, pool.preparedQuery("select count(*) from delivery_attempt where notification_id = $1 and error is not null")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0));
    }
}
