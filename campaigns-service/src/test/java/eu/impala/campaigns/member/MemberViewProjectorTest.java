package eu.impala.campaigns.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import eu.impala.campaigns.CampaignsTestServers;
import eu.impala.commons.events.CloudEvent;
import eu.impala.commons.inbox.Inbox;
import eu.impala.local.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class MemberViewProjectorTest {

    private static final String TOPIC = "membership.members.v1";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Inject
    Inbox inbox;

    @Inject
    MemberViewProjector projector;

    @Inject
    ObjectMapper json;

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
    void aRedeliveredEventChangesNothing() throws Exception {
        UUID member = UUID.randomUUID();
        CloudEvent registered = event(member, MembershipEvent.REGISTERED, registeredData(member, "Because Music"));
        send(registered);
        send(event(member, MembershipEvent.STATUS_CHANGED,
                "{\"memberId\":\"" + member + "\",\"from\":\"APPLICANT\",\"to\":\"ACTIVE\"}"));
        send(registered); // redelivered after the status change: applied again it would reset the status
        send(event(member, MembershipEvent.UPDATED, "{\"memberId\":\"" + member
                + "\",\"changedFields\":[\"displayName\"],\"changes\":{\"displayName\":\"Because\"}}"));

        Row row = awaitName(member, "Because");
        assertEquals("ACTIVE", row.getString("status"), "the redelivered registration was not applied again");
        assertEquals("FR", row.getString("country"));
        assertEquals(1L, pool.preparedQuery("select count(*) from inbox_message where consumer = $1 and event_id = $2")
                .execute(Tuple.of(MemberViewProjector.CONSUMER, registered.id())).await().atMost(WAIT)
                .iterator().next().getLong(0));
    }

    private Row awaitName(UUID member, String name) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Row row = find(member);
            if (row != null && name.equals(row.getString("display_name"))) {
                return row;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("member " + member + " never got the name " + name);
    }

    @Test
    void anErasedMemberKeepsItsRowButLosesItsName() throws Exception {
        UUID member = UUID.randomUUID();
        send(event(member, MembershipEvent.REGISTERED, registeredData(member, "Ari Artist")));
        send(event(member, MembershipEvent.ERASED, "{\"memberId\":\"" + member + "\"}"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        Row row = null;
        while (System.nanoTime() < deadline) {
            row = find(member);
            if (row != null && row.getString("display_name") == null) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(row != null, "row kept for the counts");
        assertNull(row.getString("display_name"), "name gone");
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheNextEventIsApplied() throws Exception {
        UUID member = UUID.randomUUID();
        try (KafkaProbe deadLetters = KafkaProbe.reading(CampaignsTestServers.kafka(), "campaigns.dead-letter.v1")) {
            KafkaProbe.send(CampaignsTestServers.kafka(), TOPIC, member.toString(), new RecordHeaders(), "not an event");
            send(event(member, MembershipEvent.REGISTERED, "{\"memberId\":\"" + member + "\"}"));
            send(event(member, MembershipEvent.REGISTERED, registeredData(member, "Kompakt")));

            awaitRow(member, "APPLICANT");
            deadLetters.await(r -> "not an event".equals(r.value()), WAIT);
            deadLetters.await(r -> r.value().equals("{\"memberId\":\"" + member + "\"}"), WAIT);
        }
    }

    @Test
    void aBatchOfManyMembersWithSeveralEventsEachEndsInEachMembersLastState() throws Exception {
        List<UUID> members = new ArrayList<>();
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UUID member = UUID.randomUUID();
            members.add(member);
            batch.add(record(event(member, MembershipEvent.REGISTERED, registeredData(member, "Label " + i))));
        }
        UUID suspended = members.get(3);
        UUID renamedTwice = members.get(7);
        UUID erased = members.get(11);
        // later events of some members, interleaved with the registrations of others: applied in their own order
        batch.add(20, record(event(suspended, MembershipEvent.STATUS_CHANGED,
                "{\"memberId\":\"" + suspended + "\",\"from\":\"APPLICANT\",\"to\":\"SUSPENDED\"}")));
        batch.add(30, record(event(renamedTwice, MembershipEvent.UPDATED, "{\"memberId\":\"" + renamedTwice
                + "\",\"changes\":{\"displayName\":\"First rename\",\"country\":\"DE\"}}")));
        batch.add(record(event(renamedTwice, MembershipEvent.UPDATED, "{\"memberId\":\"" + renamedTwice
                + "\",\"changes\":{\"displayName\":\"Second rename\"}}")));
        batch.add(record(event(erased, MembershipEvent.ERASED, "{\"memberId\":\"" + erased + "\"}")));

        inbox.receive(batch, json, projector).await().atMost(WAIT);

        for (UUID member : members) {
            assertTrue(find(member) != null, "every registration applied");
        }
        assertEquals("SUSPENDED", find(suspended).getString("status"));
        assertEquals("APPLICANT", find(members.get(4)).getString("status"), "the others keep the registered status");
        assertEquals("Second rename", find(renamedTwice).getString("display_name"), "the later update wins");
        assertEquals("DE", find(renamedTwice).getString("country"), "a field only the first update set stays");
        assertNull(find(erased).getString("display_name"));
        assertEquals("Label 12", find(members.get(12)).getString("display_name"));
    }

    private static ConsumerRecord<String, String> record(CloudEvent event) {
        return new ConsumerRecord<>(TOPIC, 0, 0L, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, event.subject(), event.data(), event.headers(),
                java.util.Optional.empty());
    }

    private static String fixture() throws Exception {
        try (InputStream in = MemberViewProjectorTest.class.getResourceAsStream("/events/member-registered.v1.json")) {
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
        KafkaProbe.send(CampaignsTestServers.kafka(), TOPIC, event.subject(), event.headers(), event.data());
    }

    private Row awaitRow(UUID member, String status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Row row = find(member);
            if (row != null && status.equals(row.getString("status"))) {
                return row;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("member " + member + " never reached " + status + " in member_view");
    }

    private Row find(UUID member) {
        var rows = pool.preparedQuery("select * from member_view where member_id = $1").execute(Tuple.of(member))
                .await().atMost(WAIT);
        return rows.size() == 0 ? null : rows.iterator().next();
    }

}
