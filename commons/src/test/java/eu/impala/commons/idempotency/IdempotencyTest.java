package eu.impala.commons.idempotency;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class IdempotencyTest {

    @Inject
    Pool pool;

    @Test
    void aReplayReturnsTheFirstResponseAndChangesNothing() {
        String key = UUID.randomUUID().toString();
        String text = "replayed " + key;
        Response first = create(key, text);
        Response second = create(key, text);

        assertEquals(201, first.statusCode());
        assertEquals(201, second.statusCode());
        assertEquals(first.body().asString(), second.body().asString());
        assertEquals(first.header("Location"), second.header("Location"));
        assertEquals(1L, count("select count(*) from test_note where text = $1", text));
        assertEquals(1L, count("select count(*) from outbox_event where payload::text like '%' || $1 || '%'", key));
    }

    @Test
    void theSameKeyForAnotherRequestIsA422() {
        String key = UUID.randomUUID().toString();
        create(key, "first " + key);
        given().contentType("text/plain").header(Idempotency.HEADER, key).body("different " + key)
                .post("/test/notes")
                .then().statusCode(422).contentType("application/problem+json");
        assertEquals(0L, count("select count(*) from test_note where text = $1", "different " + key));
    }

    @Test
    void concurrentRequestsWithOneKeyDoTheWorkOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String text = "concurrent " + key;
        ExecutorService pool8 = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool8.submit(() -> create(key, text)));
            }
            Set<String> bodies = new HashSet<>();
            for (Future<Response> f : futures) {
                Response r = f.get();
                assertEquals(201, r.statusCode(), r.body().asString());
                bodies.add(r.body().asString());
            }
            assertEquals(1, bodies.size(), "every caller got the one response: " + bodies);
        } finally {
            pool8.shutdownNow();
        }
        assertEquals(1L, count("select count(*) from test_note where text = $1", text));
    }

    @Test
    void anInvalidKeyIsA400() {
        given().contentType("text/plain").header(Idempotency.HEADER, "x".repeat(201)).body("a")
                .post("/test/notes")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static Response create(String key, String text) {
        return given().contentType("text/plain").header(Idempotency.HEADER, key).body(text).post("/test/notes");
    }

    private long count(String sql, String param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param)).await().indefinitely().iterator().next().getLong(0);
    }
}
