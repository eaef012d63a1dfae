package eu.impala.commons.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code Idempotency-Key} handling: the first request with a key does its work and stores its response in the
 * same transaction; a replay gets that response and changes nothing; the same key on a different request is
 * a 422. Concurrent requests with one key serialise on the key's row, so the work runs once.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    private final Pool pool;

    public Idempotency(Pool pool) {
        this.pool = pool;
    }

    /** What a request answered: replayed as it was. */
    public record StoredResponse(int status, String body, String location) {

        /**
         * The HTTP response, first or replayed alike: the stored JSON body, its Location, and the ETag of the
         * {@code version} the body carries (when it has one).
         */
        public jakarta.ws.rs.core.Response toResponse() {
            jakarta.ws.rs.core.Response.ResponseBuilder response = jakarta.ws.rs.core.Response.status(status)
                    .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON).entity(body);
            if (location != null) {
                response.location(java.net.URI.create(location));
            }
            try {
                long version = READER.readTree(body).path("version").asLong(0);
                if (version > 0) {
                    response.tag(new jakarta.ws.rs.core.EntityTag(Long.toString(version)));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException ignored) {
                // a stored body is always our own JSON
            }
            return response.build();
        }

        /** Only reads the stored body's top-level version; no configuration of the application's mapper matters. */
        private static final com.fasterxml.jackson.databind.ObjectMapper READER = new com.fasterxml.jackson.databind.ObjectMapper();
    }

    /**
     * Runs {@code work} once per {@code (scope, key)}, inside the transaction of {@code conn}. Without a key, simply
     * runs it.
     *
     * @param scope       who the key belongs to (e.g. the caller's subject and the operation), so that two
     *                    clients cannot collide
     * @param fingerprint {@link #fingerprint} of the request, to refuse a key reused for another request
     */
    public Uni<StoredResponse> once(SqlConnection conn, String scope, String key, String fingerprint,
                                    Supplier<Uni<StoredResponse>> work) {
        if (key == null) {
            return work.get();
        }
        validate(key);
        return conn.preparedQuery("insert into idempotency_key (scope, idem_key, fingerprint) values ($1, $2, $3) "
                        + "on conflict do nothing")
                .execute(Tuple.of(scope, key, fingerprint))
                .chain(claimed -> claimed.rowCount() == 1
                        ? work.get().call(response -> conn.preparedQuery("update idempotency_key set status = $3, "
                                        + "body = $4, location = $5 where scope = $1 and idem_key = $2")
                                .execute(Tuple.of(scope, key, response.status(), response.body(), response.location())))
                        : conn.preparedQuery("select fingerprint, status, body, location from idempotency_key "
                                        + "where scope = $1 and idem_key = $2")
                                .execute(Tuple.of(scope, key))
                                .map(rows -> {
                                    Row row = rows.iterator().next();
                                    return stored(fingerprint, row.getString(0), row.getInteger(1), row.getString(2),
                                            row.getString(3));
                                }));
    }

    private static StoredResponse stored(String fingerprint, String storedFingerprint, int status, String body,
                                         String location) {
        if (!fingerprint.equals(storedFingerprint)) {
            throw new ProblemException(422, "idempotency-key-reused", "Unprocessable Content",
                    "this Idempotency-Key was already used for a different request; use a new key "
                            + "for a new request", List.of(new Problem.FieldError(HEADER, "reused")));
        }
        return new StoredResponse(status, body, location);
    }

    /** A stable digest of what makes two requests the same request. */
    public static String fingerprint(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys are kept a week: long enough for any client's retries, short enough to stay small. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expire() {
        return pool.query("delete from idempotency_key where created_at < now() - interval '7 days'").execute()
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /**
     * Refuses a malformed key with a 400 problem: called by {@link #once}, and by a caller that settles its input
     * before it opens a transaction or takes a lock.
     */
    public static void validate(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                            + " visible ASCII characters, e.g. a UUID",
                    List.of(new Problem.FieldError(HEADER, "invalid key")));
        }
    }
}
