package eu.impala.notifications.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * At start, before any delivery: seals the secrets an earlier version kept in clear, and seals again with the current
 * key every secret an older key sealed (after a key rotation). A missing or malformed key stops the start here, not at
 * the first delivery.
 */
@ApplicationScoped
public class SecretSealer {

    private static final Logger LOG = Logger.getLogger(SecretSealer.class);

    private final Pool pool;
    private final SecretBox box;

    public SecretSealer(Pool pool, SecretBox box) {
        this.pool = pool;
        this.box = box;
    }

    void started(@Observes StartupEvent event) {
        int resealed = reseal().await().indefinitely();
        if (resealed > 0) {
            LOG.infof("sealed %d webhook secret(s) with key '%s'", resealed, box.currentKey());
        }
    }

    /**
     * Seals in clear or under an older key → under the current key, and destroys what deleted subscriptions still
     * kept; how many active subscriptions were sealed again.
     */
    public Uni<Integer> reseal() {
        // a deleted subscription's secret is not sealed again but destroyed, as deleting does now
        return pool.withTransaction(conn -> conn.query("update webhook_subscription set secret = null, "
                        + "secret_key_id = null, secret_sealed = null, previous_key_id = null, previous_sealed = null, "
                        + "previous_until = null where not active and (secret is not null or secret_sealed is not null "
                        + "or previous_sealed is not null)").execute()
                .chain(() -> conn.preparedQuery("select id, secret, secret_key_id, secret_sealed, "
                        + "previous_key_id, previous_sealed from webhook_subscription where secret is not null "
                        + "or secret_key_id <> $1 or previous_key_id <> $1 for update")
                .execute(Tuple.of(box.currentKey())))
                .chain(rows -> {
                    List<Tuple> updates = new ArrayList<>();
                    for (Row r : rows) {
                        UUID id = r.getUUID("id");
                        String secret = r.getString("secret") != null ? r.getString("secret")
                                : r.getValue("secret_sealed") == null ? null
                                : box.open(id, new SecretBox.Sealed(r.getString("secret_key_id"), bytes(r, "secret_sealed")));
                        String previous = r.getValue("previous_sealed") == null ? null
                                : box.open(id, new SecretBox.Sealed(r.getString("previous_key_id"), bytes(r, "previous_sealed")));
                        SecretBox.Sealed now = secret == null ? null : box.seal(id, secret);
                        SecretBox.Sealed before = previous == null ? null : box.seal(id, previous);
                        updates.add(Tuple.of(id, now == null ? null : now.keyId(), now == null ? null : buffer(now),
                                before == null ? null : before.keyId(), before == null ? null : buffer(before)));
                    }
                    if (updates.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return conn.preparedQuery("update webhook_subscription set secret = null, secret_key_id = $2, "
                                    + "secret_sealed = $3, previous_key_id = $4, previous_sealed = $5 where id = $1")
                            .executeBatch(updates).replaceWith(updates.size());
                }));
    }

    static byte[] bytes(Row r, String column) {
        return r.getBuffer(column).getBytes();
    }

    static io.vertx.core.buffer.Buffer buffer(SecretBox.Sealed sealed) {
        return io.vertx.core.buffer.Buffer.buffer(sealed.bytes());
    }
}
