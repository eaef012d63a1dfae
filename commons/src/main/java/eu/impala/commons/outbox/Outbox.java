package eu.impala.commons.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.bulk.Bulk;
import eu.impala.commons.tracing.TraceParent;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The transactional outbox: events are rows written in the same transaction as the change they describe, so
 * nothing is published that did not commit and nothing committed is lost. {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;
    private final OutboxConfig config;
    private final OutboxRelay relay;
    private final Pool pool;

    public Outbox(ObjectMapper json, OutboxConfig config, OutboxRelay relay, Pool pool) {
        this.json = json;
        this.config = config;
        this.relay = relay;
        this.pool = pool;
    }

    /**
     * Runs {@code work} on one connection in one transaction and wakes the relay once it has committed. This is the
     * one way a service changes state and publishes events: the events are appended on the same connection.
     */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work).invoke(relay::wakeUp);
    }

    /** Appends events in order on {@code conn}, inside its transaction (see {@link #inTransaction}). */
    public Uni<Void> append(SqlConnection conn, List<OutgoingEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] topics = new String[n];
        String[] types = new String[n];
        String[] aggregates = new String[n];
        String[] payloads = new String[n];
        // a bulk change's thousands of payloads are serialised on all cores
        Bulk.indexes(n).forEach(i -> {
            OutgoingEvent e = events.get(i);
            ids[i] = UUID.randomUUID();
            topics[i] = e.topic();
            types[i] = e.type();
            aggregates[i] = e.aggregateId();
            payloads[i] = toJson(e);
        });
        // unnest keeps the array order, so seq follows the order of the list; the events carry the trace context of
        // the change that wrote them (one value for all: they are one transaction's)
        return conn.preparedQuery("insert into outbox_event (id, topic, event_type, source, aggregate_id, occurred_at, payload, "
                        + "traceparent) select e.id, e.topic, e.type, $6, e.aggregate, $7, e.payload::json, $8::text "
                        + "from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) "
                        + "with ordinality as e(id, topic, type, aggregate, payload, ord) order by e.ord")
                .execute(Tuple.tuple(Arrays.asList(ids, topics, types, aggregates, payloads, config.source(), now,
                        TraceParent.current())))
                .replaceWithVoid();
    }

    private String toJson(OutgoingEvent event) {
        try {
            return json.writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.type() + " cannot be serialised to JSON", e);
        }
    }
}
