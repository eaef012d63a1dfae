package eu.impala.notifications.webhook;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.events.CloudEvent;
import eu.impala.notifications.notification.NotificationWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Turns a membership event about a member into one webhook delivery per active subscription of the association
 * that represents it, for the event types it chose. The body is the event as CloudEvents JSON.
 */
@ApplicationScoped
public class WebhookRules {

    private final NotificationWriter writer;

    public WebhookRules(NotificationWriter writer) {
        this.writer = writer;
    }

    /** {@code eu.impala.membership.member.status-changed.v1} → {@code member.status-changed} */
    public static String shortType(String type) {
        String[] parts = type.split("\\.");
        return parts.length < 3 ? type : parts[parts.length - 3] + "." + parts[parts.length - 2];
    }

    public Uni<?> fanOut(SqlConnection conn, CloudEvent event, UUID memberId) {
        String type = shortType(event.type());
        JsonObject envelope = new JsonObject(new java.util.HashMap<>(Map.of("specversion", "1.0", "id", event.id().toString(),
                "source", event.source(), "type", event.type(), "subject", memberId.toString(),
                "time", event.time() == null ? "" : event.time().toString(), "datacontenttype", "application/json")));
        envelope.put("data", new JsonObject(event.data()));
        return conn.preparedQuery(NotificationWriter.INSERT + "select gen_random_uuid(), $1, $2, 'WEBHOOK', 'webhook:' || s.id, "
                        + "$3, $4::text::jsonb, 'PENDING', now(), null, now(), null from webhook_subscription s "
                        + "join recipient_member m on m.represented_by = s.association_id "
                        + "where m.member_id = $3 and s.active and ($2 = any(s.event_types) or '*' = any(s.event_types)) "
                        + "on conflict do nothing")
                .execute(Tuple.of(event.id(), type, memberId, envelope.encode()));
    }
}
