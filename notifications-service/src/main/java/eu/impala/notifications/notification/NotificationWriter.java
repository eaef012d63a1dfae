package eu.impala.notifications.notification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes notifications in the consuming transaction. The unique (event, recipient, channel) makes a redelivered
 * event add nothing; an in-app notice is delivered as it is written, an email waits for {@link DeliveryWorker}.
 */
@ApplicationScoped
public class NotificationWriter {

    /** Columns of a new notification, for set-based inserts that select their recipients. */
    public static final String INSERT = "insert into notification (id, event_id, kind, channel, recipient, member_id, "
            + "model, status, next_attempt_at, digest, created_at, sent_at) ";

    private final ObjectMapper json;

    public NotificationWriter(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Integer> inApp(SqlConnection conn, UUID eventId, String kind, String recipient, UUID memberId,
                              Map<String, Object> model) {
        return conn.preparedQuery(INSERT + "values (gen_random_uuid(), $1, $2, 'IN_APP', $3, $4, $5::text::jsonb, 'SENT', "
                        + "null, null, now(), now()) on conflict do nothing")
                .execute(Tuple.of(eventId, kind, recipient, memberId, write(model)))
                .map(rows -> rows.rowCount());
    }

    /** In-app notices, one per index of the lists: a round of events in one statement. */
    public Uni<Integer> inApp(SqlConnection conn, List<UUID> eventIds, String kind, List<String> recipients,
                              List<UUID> memberIds, List<String> models) {
        return conn.preparedQuery(INSERT + "select gen_random_uuid(), u.event_id, $5, 'IN_APP', u.recipient, u.member_id, "
                        + "u.model::jsonb, 'SENT', null, null, now(), now() from unnest($1::uuid[], $2::text[], $3::uuid[], "
                        + "$4::text[]) as u(event_id, recipient, member_id, model) on conflict do nothing")
                .execute(Tuple.of(eventIds.toArray(UUID[]::new), recipients.toArray(String[]::new),
                        memberIds.toArray(UUID[]::new), models.toArray(String[]::new), kind))
                .map(rows -> rows.rowCount());
    }

    public Uni<Integer> email(SqlConnection conn, UUID eventId, String kind, String recipient, UUID memberId,
                              Map<String, Object> model) {
        return conn.preparedQuery(INSERT + "values (gen_random_uuid(), $1, $2, 'EMAIL', $3, $4, $5::text::jsonb, 'PENDING', "
                        + "now(), null, now(), null) on conflict do nothing")
                .execute(Tuple.of(eventId, kind, recipient, memberId, write(model)))
                .map(rows -> rows.rowCount());
    }

    public String write(Object model) {
        try {
            return json.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
