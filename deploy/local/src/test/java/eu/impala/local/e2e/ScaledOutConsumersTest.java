package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.impala.local.KafkaProbe;
import eu.impala.local.KeycloakTokens;
import eu.impala.local.MailServer;
import eu.impala.local.Platform;
import eu.impala.local.PlatformService;
import eu.impala.local.PostgresServer;
import eu.impala.local.Secretariat;
import eu.impala.local.ServiceProcess;

/**
 * Scale-out as Kubernetes runs it: a second process of campaigns and of notifications (other ports, the same
 * databases and consumer groups) while a bulk sync flows through the gateway. The partitions are split between the
 * two, and every effect happens exactly once: each member in each read model, one welcome email per member, one
 * delivery event per email (the two relays never publish the same rows).
 */
@ExtendWith(SharedPlatform.class)
class ScaledOutConsumersTest {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final int MEMBERS = 600;
    private static final String TAG = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void twoReplicasSplitThePartitionsAndApplyEveryEffectOnce() throws Exception {
        Platform platform = SharedPlatform.platform();
        PostgresServer pg = platform.servers().postgres();
        String kafka = platform.servers().kafka().bootstrapServers();
        ServiceProcess campaigns2 = platform.startReplica(PlatformService.CAMPAIGNS);
        ServiceProcess notifications2 = platform.startReplica(PlatformService.NOTIFICATIONS);
        try (KafkaProbe deliveries = KafkaProbe.reading(kafka, "notifications.deliveries.v1")) {
            for (String group : List.of("campaigns-service", "notifications-service", "notifications-service.contacts")) {
                await(group + " split between two members", () -> membersWithPartitions(kafka, group) == 2);
            }
            String secretariat = new KeycloakTokens(platform.servers().keycloak().url()).demoUser("secretariat");
            String association = new Secretariat(SharedPlatform.gateway(), secretariat).association(UUID.randomUUID().toString());
            int contacts = 0;
            for (int from = 0; from < MEMBERS; from += 200) {
                contacts += sync(association, secretariat, from, from + 200);
            }
            String ofAssociation = "represented_by = '" + association + "'";
            await("campaigns knows every member", () -> count(pg, "campaigns",
                    "select count(*) from member_view where " + ofAssociation) == MEMBERS);
            int contactCount = contacts;
            await("notifications knows every member and contact", () -> count(pg, "notifications", "select count(*) from "
                    + "recipient_contact c join recipient_member m using (member_id) where m." + ofAssociation) == contactCount
                    && count(pg, "notifications", "select count(*) from recipient_member where " + ofAssociation) == MEMBERS);
            String welcomes = "from notification n join recipient_member m using (member_id) where n.kind = 'welcome' and m."
                    + ofAssociation;
            // the marker that nothing else will be sent: every welcome is SENT and its outcome's events published
            // (a welcome whose contact took longer than the wait for it failed first: a failed and a sent event)
            String outcomes = "from outbox_event o where o.aggregate_id in (select n.id::text " + welcomes + ")";
            await("every welcome email is sent and its outcomes published", () -> count(pg, "notifications",
                    "select count(*) " + welcomes + " and n.status = 'SENT'") == MEMBERS
                    && count(pg, "notifications", "select count(*) " + outcomes + " and not outbox_published(o.tx, o.seq)") == 0
                    && count(pg, "notifications", "select count(distinct o.aggregate_id) " + outcomes
                    + " and o.event_type like '%.delivery.sent.v1'") == MEMBERS);
            long outcomeEvents = count(pg, "notifications", "select count(*) " + outcomes);

            assertEquals(MEMBERS, count(pg, "campaigns", "select count(distinct member_id) from member_view where " + ofAssociation));
            assertEquals(MEMBERS, count(pg, "notifications", "select count(*) " + welcomes), "one welcome per member");
            Map<String, Integer> emails = new HashMap<>();
            for (MailServer.Received mail : platform.mail().received()) {
                if (mail.to().contains("owner-" + TAG + "-")) {
                    emails.merge(mail.to(), 1, Integer::sum);
                }
            }
            assertEquals(MEMBERS, emails.size(), "every member's primary contact was welcomed");
            assertTrue(emails.values().stream().allMatch(n -> n == 1), "no email sent twice: " + emails);

            Set<String> welcomeIds = new HashSet<>(List.of(pg.psql("notifications", "select n.id " + welcomes).split("\n")));
            await("each welcome's delivery outcomes are on Kafka", () -> deliveries.poll(Duration.ofMillis(200)).stream()
                    .filter(r -> welcomeIds.contains(r.key())).count() >= outcomeEvents);
            Set<String> eventIds = new HashSet<>();
            for (ConsumerRecord<String, String> record : deliveries.seen()) {
                if (welcomeIds.contains(record.key())) {
                    assertTrue(eventIds.add(KafkaProbe.header(record, "ce_id")), "published once: " + record.key());
                }
            }
            assertEquals(outcomeEvents, eventIds.size(), "each outcome event published once, by one relay at a time");

            for (ServiceProcess replica : List.of(campaigns2, notifications2)) {
                assertTrue(applied(replica.managementUrl()) > 0, replica.url() + " applied events from its share of the partitions");
            }
            assertTrue(applied(platform.managementUrl(PlatformService.CAMPAIGNS)) > 0, "the first campaigns process applied some");
            assertTrue(applied(platform.managementUrl(PlatformService.NOTIFICATIONS)) > 0, "the first notifications process applied some");
        } finally {
            platform.stopReplica(campaigns2);
            platform.stopReplica(notifications2);
        }
    }

    /** Syncs members {@code from} to {@code to} (one or two contacts each); returns how many contacts. */
    private static int sync(String association, String token, int from, int to) {
        StringBuilder body = new StringBuilder("{\"records\":[");
        int contacts = 0;
        for (int i = from; i < to; i++) {
            body.append(i == from ? "" : ",").append("{\"externalId\":\"SCALE-").append(i).append("\",\"kind\":\"COMPANY\",")
                    .append("\"legalName\":\"Scaled Label ").append(i).append(" Ltd\",\"displayName\":\"Scaled ").append(i)
                    .append("\",\"country\":\"BE\",\"contacts\":[{\"name\":\"Owner ").append(i).append("\",\"email\":\"owner-")
                    .append(TAG).append("-").append(i).append("@scaled.example\",\"role\":\"PRIMARY\",\"language\":\"en\"}");
            contacts++;
            if (i % 2 == 0) {
                body.append(",{\"name\":\"Press ").append(i).append("\",\"email\":\"press-").append(TAG).append("-").append(i)
                        .append("@scaled.example\",\"role\":\"PRESS\",\"language\":\"fr\"}");
                contacts++;
            }
            body.append("]}");
        }
        Api.expect(200, "POST", SharedPlatform.gateway() + "/api/v1/associations/" + association + "/sync", token,
                body.append("]}").toString());
        return contacts;
    }

    private static int membersWithPartitions(String kafka, String group) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return (int) description.members().stream()
                    .filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        } catch (Exception e) {
            return 0;
        }
    }

    /** Events a service's consumers applied, from its own metrics. */
    private static double applied(String managementUrl) {
        String metrics = Api.send("GET", managementUrl + "/q/metrics", null, null, Map.of()).body();
        Matcher m = Pattern.compile("(?m)^impala_inbox_events_total\\{[^}]*consumer=\"(campaigns\\.member-view|notifications\\."
                + "recipient-directory)\"[^}]*outcome=\"applied\"[^}]*}\\s+([0-9.eE+]+)").matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return total;
    }

    private static long count(PostgresServer pg, String database, String sql) {
        return Long.parseLong(pg.psql(database, sql).trim());
    }

    private static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
    }
}
