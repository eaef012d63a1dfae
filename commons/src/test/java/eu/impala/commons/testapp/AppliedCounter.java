package eu.impala.commons.testapp;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.events.CloudEvent;
import eu.impala.commons.events.MalformedEventException;
import eu.impala.commons.inbox.Inbox;
import eu.impala.commons.inbox.InboxConsumer;
import eu.impala.commons.inbox.Received;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A batch consumer whose effect is visible: it counts how often each subject's event was applied, and records the
 * order in which each subject's labels arrived. A label starting with {@code fail:} makes its effect fail for good.
 */
@ApplicationScoped
public class AppliedCounter extends InboxConsumer<JsonNode> {

    public AppliedCounter(Inbox inbox, ObjectMapper json) {
        super("commons-test", JsonNode.class, inbox, json);
    }

    @Incoming("test-in")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return receive(records);
    }

    @Override
    public void check(CloudEvent event, JsonNode data) {
        if (!data.hasNonNull("label")) {
            throw new MalformedEventException("data of " + event.id() + " has no label");
        }
    }

    @Override
    public Uni<?> apply(SqlConnection conn, List<Received<JsonNode>> round) {
        int n = round.size();
        String[] subjects = new String[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            subjects[i] = round.get(i).event().subject();
            labels[i] = round.get(i).data().get("label").asText();
        }
        // a cast that fails for the labels marked so: an effect that can never succeed, found inside the transaction
        return conn.preparedQuery("select case when l like 'fail:%' then l::int else 0 end from unnest($1::text[]) l")
                .execute(Tuple.of(labels))
                .chain(() -> conn.preparedQuery("insert into test_applied (subject, times, labels) "
                                + "select s, 1, array[l] from unnest($1::text[], $2::text[]) as t(s, l) "
                                + "on conflict (subject) do update set times = test_applied.times + 1, "
                                + "labels = test_applied.labels || excluded.labels")
                        .execute(Tuple.of(subjects, labels)));
    }
}
