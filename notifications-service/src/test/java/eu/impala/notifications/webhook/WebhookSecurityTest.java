package eu.impala.notifications.webhook;

import static eu.impala.notifications.NotificationsTestServers.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import eu.impala.notifications.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What webhooks may reach and what they give away: internal destinations refused at subscription and at delivery,
 * redirects unfollowed, a delivery log without receivers' bodies or addresses, answers read with a cap and a
 * deadline, secrets sealed at rest and rotated with a grace period, and the cap on subscriptions. Each test starts
 * with no active subscription of the FR association (the cap counts them all).
 */
@QuarkusTest
class WebhookSecurityTest {

    private static final String HOOKS = "/api/v1/notifications/webhooks";

    @Inject
    Pool pool;

    @Inject
    SecretBox box;

    @Inject
    SecretSealer sealer;

    @BeforeEach
    @AfterEach
    void unsubscribeEverything() {
        pool.query("update webhook_subscription set active = false where active").execute().await().indefinitely();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.169.254/latest/meta-data/", "https://10.0.0.5/hook", "https://2130706433/",
        "https://0x7f000001/", "https://127.1/", "https://localhost/", "https://[fe80::1]/", "https://[fd00::1]/",
        "https://100.64.0.1/", "https://192.168.1.1/", "https://0.0.0.0/", "https://[::ffff:10.0.0.5]/",
        "https://keycloak:8443/realms/impala", "https://notifications.impala.svc.cluster.local/",
        "https://metadata.google.internal/computeMetadata/v1/", "https://%31%30.0.0.5/"})
    void internalDestinationsAreRefusedWhenSubscribing(String url) {
        String body = given().auth().oauth2(token("fr-admin")).contentType(ContentType.JSON)
                .body("{\"url\":\"" + url + "\",\"eventTypes\":[\"*\"]}").post(HOOKS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("url")).extract().asString();
        // one answer for every rule: which rule refused it would tell the caller about our network
        for (String reason : List.of("a private address", "a loopback address", "a link-local address", "not known",
                "carrier-grade", "deny list", "10.0.0.5")) {
            assertFalse(body.contains(reason), body);
        }
    }

    @Test
    void aHostThatTurnedInternalSinceItWasSubscribedIsRefusedAtDeliveryAndDeadAtOnce() {
        UUID id = UUID.randomUUID();
        SecretBox.Sealed sealed = box.seal(id, "whsec_test");
        // as if the host had resolved to a public address when it was subscribed and to 10.0.0.5 now
        pool.preparedQuery("insert into webhook_subscription (id, association_id, url, secret_key_id, secret_sealed, "
                        + "event_types, active, created_at, created_by) values ($1, $2, 'https://10.0.0.5/hook', $3, $4, "
                        + "'{*}', true, now(), 'test')")
                .execute(Tuple.of(id, TestEvents.FR, sealed.keyId(), Buffer.buffer(sealed.bytes()))).await().indefinitely();
        TestEvents.memberRegistered(UUID.randomUUID(), "Turned Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        JsonPath dead = awaitDelivery(id.toString(), "DEAD");
        assertEquals(1, dead.getInt("[0].attempts"), "refused is final: no retries");
        assertEquals("refused", dead.getString("[0].lastResponse"));
        assertEquals("the destination is not allowed", dead.getString("[0].lastError"));
        assertFalse(dead.prettify().contains("10.0.0.5"), dead.prettify());
    }

    @Test
    void subscribersSeeTheStatusClassAndTimingButNoBodyNorAddress() throws Exception {
        try (Receiver receiver = new Receiver((exchange, nth) -> {
            byte[] leak = "java.sql.SQLException at db.internal.example:5432 password=hunter2".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, leak.length);
            exchange.getResponseBody().write(leak);
            return 503;
        })) {
            String id = subscribe(receiver.url(), "[\"member.registered\"]").getString("id");
            TestEvents.memberRegistered(UUID.randomUUID(), "Leaky Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
            JsonPath failed = awaitDelivery(id, "FAILED");
            assertEquals("5xx", failed.getString("[0].lastResponse"));
            assertEquals("the receiver answered 5xx", failed.getString("[0].lastError"));
            assertTrue(failed.getInt("[0].lastDurationMs") >= 0);
            String log = failed.prettify();
            assertFalse(log.contains("hunter2") || log.contains("SQLException") || log.contains("db.internal"), log);
            assertFalse(log.contains("127.0.0.1"), log);
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String id = subscribe("http://127.0.0.1:" + closed + "/hook", "[\"member.registered\"]").getString("id");
        TestEvents.memberRegistered(UUID.randomUUID(), "Nobody Home Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
        JsonPath refused = awaitDelivery(id, "FAILED");
        assertEquals("connect", refused.getString("[0].lastResponse"));
        assertEquals("could not connect to the receiver", refused.getString("[0].lastError"));
        assertFalse(refused.prettify().contains("127.0.0.1") || refused.prettify().contains(Integer.toString(closed)),
                refused.prettify());
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        try (Receiver elsewhere = new Receiver(0);
             Receiver redirecting = new Receiver((exchange, nth) -> {
                 exchange.getResponseHeaders().add("Location", elsewhere.url());
                 exchange.sendResponseHeaders(307, -1);
                 return 307;
             })) {
            String id = subscribe(redirecting.url(), "[\"member.registered\"]").getString("id");
            TestEvents.memberRegistered(UUID.randomUUID(), "Moved Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
            JsonPath failed = awaitDelivery(id, "FAILED");
            assertEquals("3xx", failed.getString("[0].lastResponse"));
            assertEquals(1, redirecting.requests().size());
            assertEquals(0, elsewhere.requests().size(), "the attempt ended without following the redirect");
        }
    }

    @Test
    void aReceiverThatNeverFinishesItsAnswerIsCutOffAtTheDeadline() throws Exception {
        try (Receiver dribbling = new Receiver((exchange, nth) -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 300; i++) { // a byte every 100 ms for 30 s: never idle, never done
                out.write('.');
                out.flush();
                sleep(100);
            }
            return 200;
        })) {
            String id = subscribe(dribbling.url(), "[\"member.registered\"]").getString("id");
            TestEvents.memberRegistered(UUID.randomUUID(), "Slow Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
            JsonPath failed = awaitDelivery(id, "FAILED");
            assertEquals("timeout", failed.getString("[0].lastResponse"));
            int took = failed.getInt("[0].lastDurationMs");
            assertTrue(took >= 10_000 && took < 30_000, "cut off at the 10 s deadline of the tests, took " + took + " ms");
        }
    }

    @Test
    void aHugeAnswerIsReadOnlyUpToTheCap() throws Exception {
        int total = 256 * 1024 * 1024;
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        try (Receiver flooding = new Receiver((exchange, nth) -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            OutputStream out = exchange.getResponseBody();
            try {
                while (written.get() < total) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                return 200; // cut off by the sender
            }
            return 200;
        })) {
            String id = subscribe(flooding.url(), "[\"member.registered\"]").getString("id");
            TestEvents.memberRegistered(UUID.randomUUID(), "Loud Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
            JsonPath sent = awaitDelivery(id, "SENT");
            assertEquals("2xx", sent.getString("[0].lastResponse"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (flooding.requests().get(0).answered() == 0 && System.nanoTime() < deadline) {
                sleep(50);
            }
            assertTrue(written.get() < total, "the sender stopped reading: " + written.get() + " of " + total + " bytes written");
        }
    }

    @Test
    void secretsAreSealedAtRestAndAClearOneIsSealedByTheSealer() throws Exception {
        JsonPath created = subscribe("http://127.0.0.1:9/hook/at-rest", "[\"member.updated\"]");
        String secret = created.getString("secret");
        String dump = dump();
        assertTrue(dump.contains(created.getString("id")), "the dump holds the subscription");
        assertFalse(dump.contains(secret) || dump.contains(secret.substring("whsec_".length())),
                "a database dump must not hold the secret");
        Row row = pool.preparedQuery("select secret, secret_key_id, secret_sealed from webhook_subscription where id = $1")
                .execute(Tuple.of(UUID.fromString(created.getString("id")))).await().indefinitely().iterator().next();
        assertNull(row.getString("secret"));
        assertEquals(box.currentKey(), row.getString("secret_key_id"));
        assertEquals(secret, box.open(UUID.fromString(created.getString("id")),
                new SecretBox.Sealed(row.getString("secret_key_id"), SecretSealer.bytes(row, "secret_sealed"))));

        // rows an earlier version wrote in clear: an active one is sealed, a deleted one's secret destroyed
        UUID legacy = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        pool.preparedQuery("insert into webhook_subscription (id, association_id, url, secret, event_types, active, "
                        + "created_at, created_by) values ($1, $3, 'https://hooks.example.org/old', 'whsec_legacy-clear', "
                        + "'{*}', true, now(), 'v1'), ($2, $3, 'https://hooks.example.org/gone', 'whsec_legacy-deleted', "
                        + "'{*}', false, now(), 'v1')").execute(Tuple.of(legacy, deleted, TestEvents.FR)).await().indefinitely();
        assertTrue(sealer.reseal().await().indefinitely() >= 1);
        Row sealed = pool.preparedQuery("select secret, secret_key_id, secret_sealed from webhook_subscription where id = $1")
                .execute(Tuple.of(legacy)).await().indefinitely().iterator().next();
        assertNull(sealed.getString("secret"));
        assertEquals("whsec_legacy-clear", box.open(legacy,
                new SecretBox.Sealed(sealed.getString("secret_key_id"), SecretSealer.bytes(sealed, "secret_sealed"))));
        Row destroyed = pool.preparedQuery("select secret, secret_sealed from webhook_subscription where id = $1")
                .execute(Tuple.of(deleted)).await().indefinitely().iterator().next();
        assertNull(destroyed.getString("secret"));
        assertNull(destroyed.getValue("secret_sealed"));
        assertFalse(dump().contains("whsec_legacy-deleted"));
        assertFalse(dump().contains("whsec_legacy-clear"));
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneForTheGracePeriodOnly() throws Exception {
        try (Receiver receiver = new Receiver(0)) {
            JsonPath created = subscribe(receiver.url(), "[\"member.registered\"]");
            String id = created.getString("id");
            String first = created.getString("secret");

            given().auth().oauth2(token("de-admin")).contentType(ContentType.JSON).body("{}")
                    .post(HOOKS + "/" + id + "/secret").then().statusCode(404);
            given().auth().oauth2(token("secretariat")).contentType(ContentType.JSON).body("{}")
                    .post(HOOKS + "/" + id + "/secret").then().statusCode(403);
            given().auth().oauth2(token("fr-admin")).contentType(ContentType.JSON).body("{\"keepPreviousFor\":\"P8D\"}")
                    .post(HOOKS + "/" + id + "/secret").then().statusCode(400)
                    .body("errors[0].field", equalTo("keepPreviousFor"));

            JsonPath rotated = given().auth().oauth2(token("fr-admin")).contentType(ContentType.JSON)
                    .body("{\"keepPreviousFor\":\"PT1H\"}").post(HOOKS + "/" + id + "/secret")
                    .then().statusCode(200).body("secret", startsWith("whsec_"))
                    .body("previousSecretValidUntil", notNullValue()).extract().jsonPath();
            String second = rotated.getString("secret");
            assertNotEquals(first, second);
            given().auth().oauth2(token("fr-admin")).get(HOOKS).then().statusCode(200)
                    .body("find { it.id == '" + id + "' }.secret", nullValue())
                    .body("find { it.id == '" + id + "' }.previousSecretValidUntil", notNullValue());

            TestEvents.memberRegistered(UUID.randomUUID(), "Rotating Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
            Receiver.Request during = awaitRequests(receiver, 1).get(0);
            assertTrue(verifies(during, second), "a receiver that switched verifies with the new secret");
            assertTrue(verifies(during, first), "a receiver that has not switched yet verifies with the old one");
            assertEquals(2, during.header(WebhookSender.SIGNATURE).split(",").length);

            // the hour passes
            pool.preparedQuery("update webhook_subscription set previous_until = now() - interval '1 second' where id = $1")
                    .execute(Tuple.of(UUID.fromString(id))).await().indefinitely();
            given().auth().oauth2(token("fr-admin")).get(HOOKS).then().statusCode(200)
                    .body("find { it.id == '" + id + "' }.previousSecretValidUntil", nullValue());
            TestEvents.memberRegistered(UUID.randomUUID(), "Rotated Records", "COMPANY", "FR", TestEvents.FR, "ACTIVE");
            Receiver.Request after = awaitRequests(receiver, 2).get(1);
            assertTrue(verifies(after, second));
            assertFalse(verifies(after, first), "after the grace period the old secret signs nothing");
            assertEquals(1, after.header(WebhookSender.SIGNATURE).split(",").length);
        }
    }

    @Test
    void anAssociationHasAtMostTheConfiguredSubscriptionsAndNoneTwice() {
        int most = ConfigProvider.getConfig().getValue("impala.notifications.webhooks.max-subscriptions", Integer.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < most; i++) {
            ids.add(subscribe("http://127.0.0.1:9/hook/" + i, "[\"member.registered\",\"member.updated\"]").getString("id"));
        }
        given().auth().oauth2(token("fr-admin")).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/hook/one-more\",\"eventTypes\":[\"*\"]}").post(HOOKS)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("an association has at most " + most + " active webhook subscriptions; delete one "
                        + "before adding another"));
        // another association's cap is its own
        String de = given().auth().oauth2(token("de-admin")).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/hook/0\",\"eventTypes\":[\"member.registered\",\"member.updated\"]}")
                .post(HOOKS).then().statusCode(201).extract().path("id");
        given().auth().oauth2(token("fr-admin")).delete(HOOKS + "/" + ids.get(0)).then().statusCode(204);
        // the same url with the same event types, in another order, is the same subscription
        given().auth().oauth2(token("fr-admin")).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/hook/1\",\"eventTypes\":[\"member.updated\",\"member.registered\"]}")
                .post(HOOKS).then().statusCode(409).contentType("application/problem+json");
        subscribe("http://127.0.0.1:9/hook/1", "[\"member.updated\"]");
        given().auth().oauth2(token("de-admin")).delete(HOOKS + "/" + de).then().statusCode(204);
    }

    @Test
    void webhooksInFlightHoldUpNoEmail() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (Receiver held = new Receiver((exchange, nth) -> {
            try {
                release.await(9, TimeUnit.SECONDS); // under the tests' 10 s deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            return 200;
        })) {
            String id = subscribe(held.url(), "[\"*\"]").getString("id");
            String tag = UUID.randomUUID().toString().substring(0, 8);
            List<UUID> members = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                UUID member = UUID.randomUUID();
                members.add(member);
                TestEvents.memberRegistered(member, "Patient " + i + " " + tag, "COMPANY", "FR", TestEvents.FR, "ACTIVE");
                TestEvents.contactAdded(member, UUID.randomUUID(), "P" + i, "p" + i + "-" + tag + "@x.example", "en",
                        "PRIMARY", false);
            }
            awaitRequests(held, 1); // a webhook POST is on its way, and stays unanswered until released
            UUID[] ids = members.toArray(UUID[]::new);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long welcomed = 0;
            while (welcomed < members.size() && System.nanoTime() < deadline) {
                sleep(100);
                welcomed = pool.preparedQuery("select count(*) from notification where kind = 'welcome' "
                        + "and status = 'SENT' and member_id = any($1)").execute(Tuple.of((Object) ids)).await()
                        .indefinitely().iterator().next().getLong(0);
            }
            assertEquals(members.size(), welcomed, "every welcome email went out");
            long recorded = pool.preparedQuery("select count(*) from notification where recipient = $1 and attempts > 0")
                    .execute(Tuple.of("webhook:" + id)).await().indefinitely().iterator().next().getLong(0);
            assertEquals(0, recorded, "the emails were recorded while every webhook POST was still unanswered");
            release.countDown();
            awaitDelivery(id, "SENT");
        }
    }

    private static JsonPath subscribe(String url, String types) {
        return given().auth().oauth2(token("fr-admin")).contentType(ContentType.JSON)
                .body("{\"url\":\"" + url + "\",\"eventTypes\":" + types + "}").post(HOOKS)
                .then().statusCode(201).body("secret", startsWith("whsec_")).extract().jsonPath();
    }

    /** Waits until the subscription's newest delivery has {@code status}; the deliveries as the subscriber sees them. */
    private static JsonPath awaitDelivery(String subscription, String status) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonPath seen = null;
        while (System.nanoTime() < deadline) {
            seen = given().auth().oauth2(token("fr-admin")).get(HOOKS + "/" + subscription + "/deliveries")
                    .then().statusCode(200).extract().jsonPath();
            if (status.equals(seen.getString("[0].status"))) {
                return seen;
            }
            sleep(100);
        }
        throw new AssertionError("no " + status + " delivery; last seen " + (seen == null ? null : seen.prettify()));
    }

    private static List<Receiver.Request> awaitRequests(Receiver receiver, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (receiver.requests().size() < count && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertTrue(receiver.requests().size() >= count, "requests: " + receiver.requests().size());
        return receiver.requests();
    }

    /** What a receiver does: one of the header's signatures is the HMAC of timestamp.body with its secret. */
    private static boolean verifies(Receiver.Request request, String secret) {
        String expected = "sha256=" + WebhookSender.sign(secret, request.header(WebhookSender.TIMESTAMP), request.body());
        return Arrays.stream(request.header(WebhookSender.SIGNATURE).split(",")).map(String::strip)
                .anyMatch(expected::equals);
    }

    /** The notifications database as pg_dump writes it: what a backup would hold. */
    private static String dump() throws IOException, InterruptedException {
        URI jdbc = URI.create(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class).substring(5));
        Path out = Files.createTempFile("notifications-dump", ".sql");
        try {
            ProcessBuilder process = new ProcessBuilder(pgDump(), "-h", jdbc.getHost(), "-p", Integer.toString(jdbc.getPort()),
                    "-U", ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class),
                    "-f", out.toString(), jdbc.getPath().substring(1))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            process.environment().put("PGPASSWORD",
                    ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class));
            Process running = process.start();
            assertTrue(running.waitFor(60, TimeUnit.SECONDS), "pg_dump did not finish");
            assertEquals(0, running.exitValue(), "pg_dump failed");
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String pgDump() throws IOException {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/pg_dump")).filter(Files::isExecutable)
                    .max(java.util.Comparator.naturalOrder()).map(Path::toString).orElse("pg_dump");
        } catch (java.nio.file.NoSuchFileException e) {
            return "pg_dump";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
