package eu.impala.notifications.recipient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import eu.impala.commons.events.CloudEvent;
import eu.impala.local.KafkaProbe;
import eu.impala.notifications.NotificationsTestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class RecipientDirectoryTest {

    private static final String TOPIC = "membership.members.v1";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Test
    void ourFixtureIsAValidEventOfTheProducersSchema() throws Exception {
        try (InputStream schema = getClass().getResourceAsStream("/schemas/member-registered.v1.json")) {
            assertTrue(schema != null, "membership's event-schemas jar is on the test classpath");
            var messages = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                    .validate(JSON.readTree(fixture()));
            assertTrue(messages.isEmpty(), messages.toString());
        }
    }

    @Test
    void aRedeliveredRegistrationChangesNothing() throws Exception {
        UUID member = UUID.randomUUID();
        CloudEvent registered = event(member, MembershipEvent.REGISTERED, registeredData(member, "Domino"));
        send(registered);
        send(event(member, MembershipEvent.STATUS_CHANGED,
                "{\"memberId\":\"" + member + "\",\"from\":\"APPLICANT\",\"to\":\"ACTIVE\"}"));
        send(registered);
        send(event(member, MembershipEvent.UPDATED, "{\"memberId\":\"" + member
                + "\",\"changedFields\":[\"displayName\"],\"changes\":{\"displayName\":\"Domino Recording\"}}"));

        Row row = await(member, "Domino Recording");
        assertEquals("ACTIVE", row.getString("status"), "the redelivered registration was not applied again");
    }

    @Test
    void anErasedMemberLeavesNoPersonalDataHere() throws Exception {
        UUID member = UUID.randomUUID();
        send(event(member, MembershipEvent.REGISTERED, registeredData(member, "Ari Artist")));
        await(member, "Ari Artist");
        send(event(member, MembershipEvent.ERASED, "{\"memberId\":\"" + member + "\"}"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (find(member) != null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(null, find(member));
        assertEquals(0L, pool.preparedQuery("select count(*) from recipient_member where display_name = $1")
                .execute(Tuple.of("Ari Artist")).await().atMost(WAIT).iterator().next().getLong(0));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheNextEventIsApplied() throws Exception {
        UUID member = UUID.randomUUID();
        try (KafkaProbe deadLetters = KafkaProbe.reading(NotificationsTestServers.kafka(), "notifications.dead-letter.v1")) {
            KafkaProbe.send(NotificationsTestServers.kafka(), TOPIC, member.toString(), new RecordHeaders(), "{oops");
            send(event(member, MembershipEvent.REGISTERED, registeredData(member, "Kompakt")));
            await(member, "Kompakt");
            deadLetters.await(r -> "{oops".equals(r.value()), WAIT);
        }
    }

    private static String fixture() throws Exception {
        try (InputStream in = RecipientDirectoryTest.class.getResourceAsStream("/events/member-registered.v1.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String registeredData(UUID member, String name) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(fixture());
        node.put("memberId", member.toString());
        node.put("displayName", name);
        return JSON.writeValueAsString(node);
    }

    private static CloudEvent event(UUID member, String type, String data) {
        return new CloudEvent(UUID.randomUUID(), "/membership-service", type, OffsetDateTime.now(), member.toString(), data);
    }

    private static void send(CloudEvent event) {
        KafkaProbe.send(NotificationsTestServers.kafka(), TOPIC, event.subject(), event.headers(), event.data());
    }

    private Row await(UUID member, String name) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Row row = find(member);
            if (row != null && name.equals(row.getString("display_name"))) {
                return row;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("member " + member + " never appeared as " + name);
    }

    private Row find(UUID member) {
        var rows = pool.preparedQuery("select * from recipient_member where member_id = $1").execute(Tuple.of(member))
                .await().atMost(WAIT);
        return rows.size() == 0 ? null : rows.iterator().next();
    }
}
