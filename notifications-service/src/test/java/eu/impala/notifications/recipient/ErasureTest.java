package eu.impala.notifications.recipient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import eu.impala.local.MailServer;
import eu.impala.notifications.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ErasureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void anErasedContactLeavesNoAddressNameOrTextButTheCountStays() throws Exception {
        UUID member = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        String email = "erase-" + contact + "@x.example";
        TestEvents.memberRegistered(member, "Kept Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        TestEvents.contactAdded(member, contact, "Erika Erasable", email, "de", "PRIMARY", true);
        MailServer.forTests().await(m -> m.to().contains(email), 1, WAIT);
        TestEvents.statusChanged(member, "ACTIVE", "SUSPENDED");
        MailServer.forTests().await(m -> m.to().contains(email), 2, WAIT);

        TestEvents.contactErased(member, contact);
        awaitZero("select count(*) from recipient_contact where contact_id = $1", contact);
        assertEquals(0, count("select count(*) from notification where address = $1 or model::text like '%Erika%' "
                + "or recipient like '%' || $1 || '%' or last_error like '%' || $1 || '%'", email));
        assertEquals(0, count("select count(*) from notification where recipient = 'contact:' || $1", contact.toString()));
        assertEquals(1, count("select count(*) from notification where member_id = $1 and kind = 'statusChanged' "
                + "and channel = 'EMAIL' and recipient like 'erased:%'", member), "the notification is still counted");
    }

    @Test
    void anErasedMemberLeavesNoPersonalDataInTheDirectoryTheInboxOrTheLog() throws Exception {
        UUID member = UUID.randomUUID();
        String name = "Ari Artist " + member;
        String email = "ari-" + member + "@x.example";
        TestEvents.memberRegistered(member, name, "ARTIST", "FR", TestEvents.FR, "ACTIVE");
        TestEvents.contactAdded(member, UUID.randomUUID(), name, email, "en", "PRIMARY", true);
        MailServer.forTests().await(m -> m.to().contains(email), 1, WAIT);

        TestEvents.memberErased(member);
        awaitZero("select count(*) from recipient_member where member_id = $1", member);
        assertEquals(0, count("select count(*) from recipient_contact where member_id = $1", member));
        assertEquals(0, count("select count(*) from notification where model::text like '%' || $1 || '%' "
                + "or address like '%' || $1 || '%' or subject like '%' || $1 || '%'", member.toString()));
        assertEquals(0, count("select count(*) from delivery_attempt a join notification n on n.id = a.notification_id "
                + "where n.member_id = $1 and a.error is not null", member));
        assertEquals(2, count("select count(*) from notification where member_id = $1", member),
                "the welcome email and the association's notice are still counted");
    }

    private long count(String sql, Object param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private void awaitZero(String sql, Object param) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (count(sql, param) == 0) {
                Thread.sleep(300); // the erasure commits with the directory change; give the relay no say
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("still present: " + sql);
    }
}
