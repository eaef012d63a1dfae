package eu.impala.commons.testapp;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.events.CloudEvent;
import eu.impala.commons.events.MalformedEventException;
import eu.impala.commons.inbox.Inbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** A consumer whose effect is visible: it counts how often each subject's event was applied. */
@ApplicationScoped
public class AppliedCounter {

    private final Inbox inbox;
    private final ObjectMapper json;

    public AppliedCounter(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("test-in")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        CloudEvent event = CloudEvent.fromKafka(record.headers(), record.value());
        JsonNode data;
        try {
            data = json.readTree(event.data());
        } catch (Exception e) {
            throw new MalformedEventException("data of " + event.id() + " is not JSON", e);
        }
        if (!data.hasNonNull("label")) {
            throw new MalformedEventException("data of " + event.id() + " has no label");
        }
        return inbox.receive("commons-test", event, e -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into test_applied (subject, times) values (?1, 1) "
                                + "on conflict (subject) do update set times = test_applied.times + 1")
                .setParameter(1, e.subject())
                .executeUpdate())).replaceWithVoid();
    }
}
