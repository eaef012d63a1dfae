package eu.impala.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** What keeps a production installation's data and capacity: kept resources, backups, the connection budget, placement. */
class ProductionSafetyTest {

    @Test
    void uninstallingKeepsTheDatabasesAndTheEventLog() {
        for (var set : Chart.valueSets()) {
            for (String kind : List.of("Cluster", "Database", "Kafka", "KafkaNodePool", "KafkaTopic")) {
                List<JsonNode> objects = set.getValue().ofKind(kind);
                assertTrue(!objects.isEmpty(), set.getKey() + ": no " + kind);
                for (JsonNode object : objects) {
                    assertEquals("keep", object.at("/metadata/annotations/helm.sh~1resource-policy").asText(),
                            set.getKey() + ": " + kind + " " + SecurityTest.name(object) + " goes with helm uninstall");
                }
            }
            for (JsonNode database : set.getValue().ofKind("Database")) {
                assertEquals("retain", database.at("/spec/databaseReclaimPolicy").asText());
            }
        }
    }

    @Test
    void backupsStartWithABaseBackupAtOnce() {
        JsonNode backup = Chart.production().ofKind("ScheduledBackup").get(0);
        assertTrue(backup.at("/spec/immediate").asBoolean(), "the first base backup waits for the schedule");
        assertTrue(Chart.production().ofKind("Cluster").get(0).at("/spec/backup/barmanObjectStore/destinationPath")
                .asText().startsWith("s3://"));
    }

    @Test
    void thePlatformAtItsAutoscalersMaximumFitsInTheDatabasesConnections() {
        for (var set : Chart.valueSets()) {
            Chart.Rendered rendered = set.getValue();
            int limit = Integer.parseInt(rendered.ofKind("Cluster").get(0)
                    .at("/spec/postgresql/parameters/max_connections").asText());
            int total = 10;
            for (JsonNode deployment : rendered.ofKind("Deployment")) {
                String pool = null;
                for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
                    if (env.path("name").asText().equals("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE")) {
                        pool = env.path("value").asText();
                    }
                }
                if (pool != null) {
                    int max = rendered.named("HorizontalPodAutoscaler", SecurityTest.name(deployment))
                            .at("/spec/maxReplicas").asInt();
                    total += max * (Integer.parseInt(pool) + 2);
                }
            }
            JsonNode keycloak = rendered.ofKind("Keycloak").get(0);
            total += keycloak.at("/spec/instances").asInt() * keycloak.at("/spec/db/poolMaxSize").asInt();
            assertTrue(total <= limit, set.getKey() + ": " + total + " connections at most against " + limit);
        }
        Exception refused = assertThrows(RuntimeException.class,
                () -> Chart.template(null, Map.of("services.notifications.autoscaling.maxReplicas", 30)));
        assertTrue(refused.getMessage().contains("max_connections is 300, but the platform at its autoscalers' maximum "
                + "may open"), refused.getMessage());
        assertTrue(refused.getMessage().contains("notifications 30 × 12"), refused.getMessage());
    }

    @Test
    void kafkaNodesAreOnePerMachineAndReplicasSpreadOverZones() {
        for (var set : Chart.valueSets()) {
            JsonNode pool = set.getValue().ofKind("KafkaNodePool").get(0);
            JsonNode term = pool.at("/spec/template/pod/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/0");
            assertEquals("kubernetes.io/hostname", term.path("topologyKey").asText(), set.getKey());
            assertEquals(SecurityTest.name(pool), term.at("/labelSelector/matchLabels/strimzi.io~1pool-name").asText());
            assertEquals("topology.kubernetes.io/zone",
                    set.getValue().ofKind("Kafka").get(0).at("/spec/kafka/rack/topologyKey").asText(), set.getKey());
        }
    }

    @Test
    void contactDataLeavesTheEventLogWithinRetentionAndADay() {
        for (var set : Chart.valueSets()) {
            for (JsonNode topic : set.getValue().ofKind("KafkaTopic")) {
                long retention = Long.parseLong(topic.at("/spec/config/retention.ms").asText());
                long segment = Long.parseLong(topic.at("/spec/config/segment.ms").asText());
                assertTrue(segment <= 86_400_000L, topic.at("/spec/topicName").asText() + ": segment.ms " + segment);
                if (topic.at("/spec/topicName").asText().equals("membership.contacts.v1")) {
                    assertTrue(retention + segment <= 8 * 86_400_000L, "contacts live " + (retention + segment) + " ms");
                }
            }
        }
    }

    @Test
    void rolloutsDrainPodsBeforeStoppingThem() {
        SecurityTest.forEachDeployment((set, rendered, deployment) -> {
            String where = set + " " + SecurityTest.name(deployment);
            Map<String, String> env = new java.util.HashMap<>();
            deployment.at("/spec/template/spec/containers/0/env").forEach(e -> env.put(e.path("name").asText(),
                    e.path("value").asText()));
            assertEquals("5s", env.get("QUARKUS_SHUTDOWN_DELAY"), where);
            assertEquals("20s", env.get("QUARKUS_SHUTDOWN_TIMEOUT"), where);
            assertEquals(30, deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt(), where);
            assertEquals(0, deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(), where);
            assertTrue(env.get("JAVA_OPTS_APPEND").matches(".*-XX:\\+Use\\w+GC.*"), where + ": no collector named");
            JsonNode hpa = rendered.named("HorizontalPodAutoscaler", SecurityTest.name(deployment));
            assertEquals(300, hpa.at("/spec/behavior/scaleDown/stabilizationWindowSeconds").asInt(), where);
            int fewest = hpa.at("/spec/minReplicas").asInt();
            int minAvailable = rendered.named("PodDisruptionBudget", SecurityTest.name(deployment))
                    .at("/spec/minAvailable").asInt();
            assertTrue(minAvailable < fewest, where + ": a PDB of " + minAvailable + " on " + fewest + " pods blocks drains");
            List<String> spread = new java.util.ArrayList<>();
            deployment.at("/spec/template/spec/topologySpreadConstraints")
                    .forEach(c -> spread.add(c.path("topologyKey").asText()));
            assertEquals(List.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"), spread, where);
        });
        Exception blocked = assertThrows(RuntimeException.class,
                () -> Chart.template(null, Map.of("services.gateway.podDisruptionBudget.minAvailable", 2)));
        assertTrue(blocked.getMessage().contains("services.gateway.podDisruptionBudget.minAvailable (2) must be below "
                + "the fewest replicas it runs (2)"), blocked.getMessage());
        Exception serial = assertThrows(RuntimeException.class,
                () -> Chart.template(null, Map.of("services.gateway.javaOpts", "-XX:MaxRAMPercentage=60")));
        assertTrue(serial.getMessage().contains("names no garbage collector"), serial.getMessage());
    }

    @Test
    void productionRefusesValuesWithoutRealSecretsCertificatesOrHosts() {
        assertFalse(Chart.production().objects().isEmpty(), "the production values name everything");
        Map<String, Object> demo = new java.util.LinkedHashMap<>();
        demo.put("keycloak.realmImport.demoUsers", true);
        demo.put("smtp.existingSecret", "");
        demo.put("postgres.backup.s3CredentialsSecret", "");
        demo.put("keycloak.ingress.tlsSecretName", "");
        demo.put("publicUrl", "http://api.impalamusic.org");
        demo.put("keycloak.hostname", "https://auth.impala.localhost");
        demo.put("postgres.sslMode", "require");
        Exception refused = assertThrows(RuntimeException.class, () -> Chart.template(Chart.PRODUCTION_VALUES, demo));
        String message = refused.getMessage();
        for (String named : List.of("production is on, but:", "keycloak.realmImport.demoUsers is on",
                "smtp.existingSecret is empty", "postgres.backup.s3CredentialsSecret is empty",
                "keycloak.ingress.tlsSecretName is empty", "publicUrl is http://api.impalamusic.org",
                "keycloak.hostname is https://auth.impala.localhost", "postgres.sslMode is require")) {
            assertTrue(message.contains(named), named + " in: " + message);
        }
        Exception noBackup = assertThrows(RuntimeException.class, () -> Chart.template(Chart.PRODUCTION_VALUES,
                Map.of("postgres.backup.enabled", false, "gateway.ingress.tlsSecretName", "")));
        assertTrue(noBackup.getMessage().contains("postgres.backup.enabled is off"), noBackup.getMessage());
        assertTrue(noBackup.getMessage().contains("gateway.ingress.tlsSecretName is empty"), noBackup.getMessage());
        // the default values are a throw-away cluster's, and render
        assertFalse(Chart.defaults().objects().isEmpty());
    }
}
