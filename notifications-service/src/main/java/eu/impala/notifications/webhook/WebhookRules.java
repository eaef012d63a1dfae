package eu.impala.notifications.webhook;

import java.util.HashMap;
import java.util.List;
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
 * Turns membership events about members into one webhook delivery per active subscription of the association that
 * represents each member, for the event types it chose; a batch of events is one statement. The body is the event as
 * CloudEvents JSON.
 */
@ApplicationScoped
public class WebhookRules {

    /** {@code eu.impala.membership.member.status-changed.v1} → {@code member.status-changed} */
    public static String shortType(String type) {
        String[] parts = type.split("\\.");
        return parts.length < 3 ? type : parts[parts.length - 3] + "." + parts[parts.length - 2];
    }

    /** The deliveries of {@code events}, each about the member at the same index of {@code memberIds}. */
    public Uni<?> fanOut(SqlConnection conn, List<CloudEvent> events, List<UUID> memberIds) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        String[] envelopes = new String[n];
        for (int i = 0; i < n; i++) {
            CloudEvent event = events.get(i);
            ids[i] = event.id();
            types[i] = shortType(event.type());
            JsonObject envelope = new JsonObject(new HashMap<>(Map.of("specversion", "1.0", "id", event.id().toString(),
                    "source", event.source(), "type", event.type(), "subject", memberIds.get(i).toString(),
                    "time", event.time() == null ? "" : event.time().toString(), "datacontenttype", "application/json")));
            envelope.put("data", new JsonObject(event.data()));
            envelopes[i] = envelope.encode();
        }
        return conn.preparedQuery(NotificationWriter.INSERT + "select gen_random_uuid(), u.event_id, u.type, 'WEBHOOK', "
                        + "'webhook:' || s.id, u.member_id, u.envelope::jsonb, 'PENDING', now(), null, now(), null "
                        + "from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[]) as u(event_id, type, member_id, envelope) "
                        + "join recipient_member m on m.member_id = u.member_id "
                        + "join webhook_subscription s on s.association_id = m.represented_by "
                        + "where s.active and (u.type = any(s.event_types) or '*' = any(s.event_types)) "
                        + "on conflict do nothing")
                .execute(Tuple.of(ids, types, memberIds.toArray(UUID[]::new), envelopes));
    }
}
