package eu.impala.notifications.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.notifications.NotificationsConfig;
import eu.impala.notifications.notification.Channel;
import eu.impala.notifications.notification.DeliveryWorker;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * POSTs a webhook delivery to its subscription's endpoint, signed: {@code X-Impala-Signature: sha256=<hex>} is
 * the HMAC-SHA256, with the subscription's secret, of {@code <X-Impala-Timestamp>.<body>}. A receiver recomputes it
 * and refuses old timestamps, so a captured request cannot be replayed later. Any status but 2xx is a failure.
 */
@ApplicationScoped
public class WebhookSender {

    public static final String SIGNATURE = "X-Impala-Signature";
    public static final String TIMESTAMP = "X-Impala-Timestamp";
    public static final String EVENT_ID = "X-Impala-Event-Id";
    public static final String EVENT_TYPE = "X-Impala-Event-Type";
    public static final String DELIVERY_ID = "X-Impala-Delivery-Id";

    /** Where and with which key a delivery goes. */
    public record Target(String url, String secret) {
    }

    private final Pool pool;
    private final WebClient client;
    private final long timeoutMillis;

    public WebhookSender(Pool pool, Vertx vertx, NotificationsConfig config) {
        this.pool = pool;
        this.timeoutMillis = config.webhooks().timeout().toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis)).setUserAgent("IMPALA-Webhooks/1"));
    }

    /** The active subscriptions the claimed webhook deliveries go to, by recipient ({@code webhook:<id>}). */
    public Uni<Map<String, Target>> subscriptions(List<DeliveryWorker.Claimed> claimed) {
        List<UUID> ids = new ArrayList<>();
        for (DeliveryWorker.Claimed c : claimed) {
            if (c.channel() == Channel.WEBHOOK) {
                ids.add(UUID.fromString(c.recipient().substring("webhook:".length())));
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select id, url, secret from webhook_subscription where id = any($1) and active")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<String, Target> found = new HashMap<>();
                    for (Row r : rows) {
                        found.put("webhook:" + r.getUUID("id"), new Target(r.getString("url"), r.getString("secret")));
                    }
                    return found;
                });
    }

    /** One attempt; fails with the receiver's status or the connection error. */
    public Uni<Void> post(DeliveryWorker.Claimed c, Target target) {
        String body = c.model().encode();
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        return client.postAbs(target.url())
                .timeout(timeoutMillis)
                .putHeader("Content-Type", "application/json")
                .putHeader(EVENT_ID, c.eventId().toString())
                .putHeader(EVENT_TYPE, c.kind())
                .putHeader(DELIVERY_ID, c.id().toString())
                .putHeader(TIMESTAMP, timestamp)
                .putHeader(SIGNATURE, "sha256=" + sign(target.secret(), timestamp, body))
                .sendBuffer(io.vertx.mutiny.core.buffer.Buffer.buffer(body))
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException("the receiver answered " + response.statusCode());
                    }
                    return null;
                });
    }

    /** HMAC-SHA256 of {@code timestamp + "." + body} with {@code secret}, in lower-case hex. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
