package eu.impala.campaigns;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

import eu.impala.commons.events.CloudEvent;
import eu.impala.local.KafkaProbe;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Members as campaigns learns of them: membership events sent to the real topic and consumed by the service,
 * never rows written behind its back.
 */
public final class TestMembers {

    public static final String TOPIC = "membership.members.v1";
    public static final UUID FR = UUID.fromString("0a5f0000-0000-4000-8000-000000000001");
    public static final UUID DE = UUID.fromString("0a5f0000-0000-4000-8000-000000000002");
    /** The member of the demo user label-admin: a French label represented by the French association. */
    public static final UUID LABEL = UUID.fromString("0b5f0000-0000-4000-8000-000000000101");
    /** The member of the demo user artist-admin: a self-releasing artist, direct member. */
    public static final UUID ARTIST = UUID.fromString("0b5f0000-0000-4000-8000-000000000102");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestMembers() {
    }

    public static void registered(UUID id, String name, String kind, String country, UUID representedBy, String status) {
        registered(id, name, kind, country, representedBy, status, "COMPANY".equals(kind) ? "MICRO" : null);
    }

    public static void registered(UUID id, String name, String kind, String country, UUID representedBy, String status,
                                  String sizeClass) {
        String data = "{\"memberId\":\"" + id + "\",\"kind\":\"" + kind + "\",\"displayName\":\"" + name
                + "\",\"country\":\"" + country + "\",\"category\":\"" + (representedBy == null ? "DIRECT" : "REPRESENTED")
                + "\",\"representedBy\":" + (representedBy == null ? "null" : "\"" + representedBy + "\"")
                + ",\"status\":\"" + status + "\",\"sizeClass\":" + (sizeClass == null ? "null" : "\"" + sizeClass + "\"") + "}";
        send(id, "eu.impala.membership.member.registered.v1", data);
    }

    public static void statusChanged(UUID id, String from, String to) {
        send(id, "eu.impala.membership.member.status-changed.v1",
                "{\"memberId\":\"" + id + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"reason\":\"test\"}");
    }

    public static void erased(UUID id) {
        send(id, "eu.impala.membership.member.erased.v1", "{\"memberId\":\"" + id + "\"}");
    }

    public static CloudEvent send(UUID member, String type, String data) {
        CloudEvent event = new CloudEvent(UUID.randomUUID(), "/membership-service", type, OffsetDateTime.now(),
                member.toString(), data);
        KafkaProbe.send(CampaignsTestServers.kafka(), TOPIC, event.subject(), event.headers(), event.data());
        return event;
    }

    /** An ACTIVE company represented by the French association, known to campaigns when this returns. */
    public static UUID activeFrenchLabel(Pool pool, String name) {
        UUID id = UUID.randomUUID();
        registered(id, name, "COMPANY", "FR", FR, "ACTIVE");
        awaitStatus(pool, id, "ACTIVE");
        return id;
    }

    /** The demo users' members, registered once more (the read model keeps the newest). */
    public static void demoMembers(Pool pool) {
        registered(LABEL, "Label Demo Records", "COMPANY", "FR", FR, "ACTIVE");
        registered(ARTIST, "Ari Demo", "ARTIST", "DE", null, "ACTIVE");
        awaitStatus(pool, LABEL, "ACTIVE");
        awaitStatus(pool, ARTIST, "ACTIVE");
    }

    public static void awaitStatus(Pool pool, UUID id, String status) {
        awaitCount(pool, java.util.List.of(id), "status = '" + status + "'");
    }

    /** Waits until every member of {@code ids} is in the read model and meets {@code condition}. */
    public static void awaitCount(Pool pool, Collection<UUID> ids, String condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        UUID[] array = ids.toArray(UUID[]::new);
        while (System.nanoTime() < deadline) {
            long n = pool.preparedQuery("select count(*) from member_view where member_id = any($1) and " + condition)
                    .execute(Tuple.of(array)).await().atMost(WAIT).iterator().next().getLong(0);
            if (n == array.length) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(ids.size() + " member(s) never reached " + condition + " in member_view");
    }
}
