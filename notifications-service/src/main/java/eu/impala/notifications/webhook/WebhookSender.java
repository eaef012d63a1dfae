package eu.impala.notifications.webhook;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.notifications.NotificationsConfig;
import eu.impala.notifications.notification.Channel;
import eu.impala.notifications.notification.DeliveryWorker;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * POSTs a webhook delivery to its subscription's endpoint, signed: {@code X-Impala-Signature: sha256=<hex>} is
 * the HMAC-SHA256, with the subscription's secret, of {@code <X-Impala-Timestamp>.<body>}. A receiver recomputes it
 * and refuses old timestamps, so a captured request cannot be replayed later. During a rotation's grace period the
 * header carries one signature per secret, new first ({@code sha256=<new>,sha256=<old>}).
 * <p>
 * The connection goes to the address {@link Destinations} checked, presenting the URL's host name (Host header, TLS
 * server name and certificate check), so nothing is looked up again between check and connect. Redirects are not
 * followed. Any status but 2xx is a failure. The receiver's answer is read up to a size cap and dropped; the whole
 * attempt has a deadline, not only connect and idle timeouts.
 */
@ApplicationScoped
public class WebhookSender {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(WebhookSender.class);

    public static final String SIGNATURE = "X-Impala-Signature";
    public static final String TIMESTAMP = "X-Impala-Timestamp";
    public static final String EVENT_ID = "X-Impala-Event-Id";
    public static final String EVENT_TYPE = "X-Impala-Event-Type";
    public static final String DELIVERY_ID = "X-Impala-Delivery-Id";

    /**
     * Where and with which key(s) a delivery goes; {@code previousSecret} while a rotated-out secret still signs;
     * {@code secret} null when it cannot be opened (a key no longer configured).
     */
    public record Target(String url, String secret, String previousSecret) {
    }

    /**
     * What one attempt came to, as its subscriber may see it: {@code response} is the status class (2xx, 3xx, 4xx, 5xx)
     * or what stopped the attempt (timeout, connect, tls, failed, refused); {@code error} is null when it was accepted.
     */
    public record Answer(String response, Integer durationMs, String error) {

        public static Answer refused() {
            return new Answer("refused", null, "the destination is not allowed");
        }
    }

    private final Pool pool;
    private final io.vertx.core.Vertx vertx;
    private final HttpClient client;
    private final SecretBox box;
    private final long timeoutMillis;
    private final long deadlineMillis;
    private final int maxResponseBytes;

    public WebhookSender(Pool pool, Vertx vertx, NotificationsConfig config, SecretBox box) {
        this.pool = pool;
        this.vertx = vertx.getDelegate();
        this.box = box;
        this.timeoutMillis = config.webhooks().timeout().toMillis();
        this.deadlineMillis = config.webhooks().deadline().toMillis();
        this.maxResponseBytes = config.webhooks().maxResponseBytes();
        this.client = this.vertx.createHttpClient(new HttpClientOptions().setVerifyHost(true).setForceSni(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis)).setKeepAlive(true),
                // a subscription's share of a round goes out at once, not queued on fewer connections (the queue
                // would eat into each attempt's deadline)
                new PoolOptions().setHttp1MaxSize(config.webhooks().perSubscription()));
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
        return pool.preparedQuery("select id, url, secret_key_id, secret_sealed, previous_key_id, previous_sealed, "
                        + "previous_until > now() as previous_signs from webhook_subscription where id = any($1) and active")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<String, Target> found = new HashMap<>();
                    for (Row r : rows) {
                        UUID id = r.getUUID("id");
                        String secret;
                        String previous;
                        try {
                            secret = box.open(id, new SecretBox.Sealed(r.getString("secret_key_id"),
                                    SecretSealer.bytes(r, "secret_sealed")));
                            previous = Boolean.TRUE.equals(r.getBoolean("previous_signs"))
                                    && r.getValue("previous_sealed") != null
                                    ? box.open(id, new SecretBox.Sealed(r.getString("previous_key_id"),
                                    SecretSealer.bytes(r, "previous_sealed"))) : null;
                        } catch (IllegalStateException e) {
                            // only this subscription's deliveries fail (and are retried); the round goes on
                            LOG.errorf("webhook subscription %s: %s", id, e.getMessage());
                            secret = null;
                            previous = null;
                        }
                        found.put("webhook:" + id, new Target(r.getString("url"), secret, previous));
                    }
                    return found;
                });
    }

    /** One attempt to the checked address; never fails, the outcome is in the answer. */
    public Uni<Answer> post(DeliveryWorker.Claimed c, Target target, Destinations.Checked to) {
        String body = c.model().encode();
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signature = "sha256=" + sign(target.secret(), timestamp, body)
                + (target.previousSecret() == null ? "" : ",sha256=" + sign(target.previousSecret(), timestamp, body));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(to.port(), to.address().getHostAddress()))
                .setHost(to.host().contains(":") ? "[" + to.host() + "]" : to.host()).setPort(to.port()).setSsl(to.tls()).setURI(to.requestUri())
                .setFollowRedirects(false).setConnectTimeout(timeoutMillis).setIdleTimeout(timeoutMillis)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "IMPALA-Webhooks/1")
                .putHeader(EVENT_ID, c.eventId().toString())
                .putHeader(EVENT_TYPE, c.kind())
                .putHeader(DELIVERY_ID, c.id().toString())
                .putHeader(TIMESTAMP, timestamp)
                .putHeader(SIGNATURE, signature);
        long started = System.nanoTime();
        Promise<Answer> answer = Promise.promise();
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        long deadline = vertx.setTimer(deadlineMillis, t -> {
            if (answer.tryComplete(new Answer("timeout", elapsed(started), "no complete answer within "
                    + deadlineMillis / 1000 + " s")) && request.get() != null) {
                request.get().reset();
            }
        });
        client.request(options)
                .compose(req -> {
                    request.set(req);
                    return req.send(Buffer.buffer(body));
                })
                .onFailure(e -> answer.tryComplete(failure(e, started)))
                .onSuccess(response -> {
                    int status = response.statusCode();
                    long[] read = {0};
                    response.handler(chunk -> {
                        read[0] += chunk.length();
                        if (read[0] > maxResponseBytes && answer.tryComplete(answered(status, started))) {
                            response.request().reset(); // the rest is not ours to read
                        }
                    });
                    response.exceptionHandler(e -> answer.tryComplete(answered(status, started)));
                    response.endHandler(v -> answer.tryComplete(answered(status, started)));
                });
        return Uni.createFrom().completionStage(() -> answer.future().toCompletionStage())
                .eventually(() -> vertx.cancelTimer(deadline));
    }

    private static Answer answered(int status, long started) {
        String range = status / 100 + "xx";
        if (status / 100 == 2) {
            return new Answer(range, elapsed(started), null);
        }
        return new Answer(range, elapsed(started), "the receiver answered " + range
                + (status / 100 == 3 ? " (redirects are not followed)" : ""));
    }

    /** What stopped an attempt, in words that name no host, address or internal detail. */
    static Answer failure(Throwable e, long started) {
        if (e instanceof io.netty.channel.ConnectTimeoutException || e instanceof TimeoutException) {
            return new Answer("timeout", elapsed(started), "no answer within the time allowed");
        }
        if (e instanceof ConnectException) {
            return new Answer("connect", elapsed(started), "could not connect to the receiver");
        }
        if (e instanceof SSLException) {
            return new Answer("tls", elapsed(started), "the TLS handshake with the receiver failed");
        }
        return new Answer("failed", elapsed(started), "the connection ended before an answer");
    }

    private static int elapsed(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
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
