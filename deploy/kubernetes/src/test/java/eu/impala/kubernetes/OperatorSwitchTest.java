package eu.impala.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Clusters that bring their own Kafka, PostgreSQL and Keycloak switch the operator resources off. */
class OperatorSwitchTest {

    static Map<String, Object> ownServers() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("kafka.create", false);
        values.put("kafka.bootstrapServers", "kafka-0.shared:9093,kafka-1.shared:9093");
        values.put("kafka.caSecret", "shared-kafka-ca");
        values.put("postgres.create", false);
        values.put("postgres.host", "pg.shared");
        values.put("postgres.caSecret", "shared-pg-ca");
        values.put("databases.membership.existingSecret", "pg-membership");
        values.put("databases.campaigns.existingSecret", "pg-campaigns");
        values.put("databases.notifications.existingSecret", "pg-notifications");
        values.put("keycloak.create", false);
        values.put("keycloak.url", "http://sso.shared:8080/realms/impala");
        values.put("keycloak.issuer", "https://sso.example.org/realms/impala");
        values.put("networkPolicy.peers.kafka[0].ipBlock.cidr", "10.20.0.0/16");
        values.put("networkPolicy.peers.postgres[0].ipBlock.cidr", "10.21.0.0/16");
        values.put("networkPolicy.peers.keycloak[0].namespaceSelector.matchLabels.team", "sso");
        values.put("webhooks.existingSecret", "own-webhook-keys");
        values.put("unsubscribe.existingSecret", "own-unsubscribe-key");
        return values;
    }

    @Test
    void withTheirOwnServersNoOperatorResourceIsRendered() {
        Chart.Rendered rendered = Chart.render(null, ownServers());
        for (String kind : List.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Keycloak",
                "KeycloakRealmImport", "Cluster", "Database", "ScheduledBackup", "Secret")) {
            assertEquals(List.of(), rendered.ofKind(kind), kind);
        }
        assertEquals(4, rendered.ofKind("Deployment").size());
        rendered.objects().forEach(o -> assertTrue(Models.problems(o).isEmpty(), () -> Models.problems(o).toString()));
    }

    @Test
    void withTheirOwnServersTheServicesConnectWhereTheValuesSay() {
        Chart.Rendered rendered = Chart.render(null, ownServers());
        Map<String, JsonNode> env = env(rendered.named("Deployment", "impala-membership"));
        assertEquals("kafka-0.shared:9093,kafka-1.shared:9093", env.get("KAFKA_BOOTSTRAP_SERVERS").path("value").asText());
        assertEquals("postgresql://pg.shared:5432/membership", env.get("QUARKUS_DATASOURCE_REACTIVE_URL").path("value").asText());
        assertEquals("pg-membership", env.get("QUARKUS_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText());
        assertEquals("impala-membership", env.get("KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/name").asText());
        assertEquals("http://sso.shared:8080/realms/impala", env.get("QUARKUS_OIDC_AUTH_SERVER_URL").path("value").asText());
        assertEquals("https://sso.example.org/realms/impala", env.get("QUARKUS_OIDC_TOKEN_ISSUER").path("value").asText());

        JsonNode egress = rendered.named("NetworkPolicy", "impala-membership").at("/spec/egress");
        assertTrue(egress.toString().contains("10.20.0.0/16") && egress.toString().contains("10.21.0.0/16"), egress::toString);
    }

    @Test
    void aMissingSettingForTheirOwnServersIsNamedInTheError() {
        Map<String, Object> values = ownServers();
        values.remove("kafka.bootstrapServers");
        Exception noKafka = assertThrows(RuntimeException.class, () -> Chart.template(null, values));
        assertTrue(noKafka.getMessage().contains("kafka.bootstrapServers is required"), noKafka.getMessage());

        Map<String, Object> noSecret = ownServers();
        noSecret.remove("databases.campaigns.existingSecret");
        Exception noDbSecret = assertThrows(RuntimeException.class, () -> Chart.template(null, noSecret));
        assertTrue(noDbSecret.getMessage().contains("databases.campaigns.existingSecret is required"), noDbSecret.getMessage());

        Map<String, Object> noPeers = ownServers();
        noPeers.remove("networkPolicy.peers.postgres[0].ipBlock.cidr");
        Exception noPeer = assertThrows(RuntimeException.class, () -> Chart.template(null, noPeers));
        assertTrue(noPeer.getMessage().contains("networkPolicy.peers.postgres must say where postgres is"), noPeer.getMessage());
    }

    @Test
    void aMisspeltOrMistypedValueIsRefusedWithItsPath() {
        Exception typo = assertThrows(RuntimeException.class, () -> Chart.template(null, Map.of("kafka.nodez", 5)));
        assertTrue(typo.getMessage().contains("nodez"), typo.getMessage());

        Exception badMode = assertThrows(RuntimeException.class,
                () -> Chart.template(null, Map.of("postgres.sslMode", "verify-everything")));
        assertTrue(badMode.getMessage().contains("sslMode"), badMode.getMessage());

        Exception badReplicas = assertThrows(RuntimeException.class,
                () -> Chart.template(null, Map.of("services.membership.replicas", "two")));
        assertTrue(badReplicas.getMessage().contains("replicas"), badReplicas.getMessage());
    }

    @Test
    void theChartCreatesCredentialsOnlyForTheServersItCreates() {
        List<String> secrets = Chart.defaults().ofKind("Secret").stream().map(SecurityTest::name).sorted().toList();
        assertEquals(List.of("impala-db-campaigns", "impala-db-keycloak", "impala-db-membership",
                "impala-db-notifications", "impala-keycloak-clients", "impala-unsubscribe-key", "impala-webhook-keys"), secrets);
        for (JsonNode secret : Chart.defaults().ofKind("Secret")) {
            assertEquals("keep", secret.at("/metadata/annotations/helm.sh~1resource-policy").asText(), SecurityTest.name(secret));
        }
    }

    static Map<String, JsonNode> env(JsonNode deployment) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        deployment.at("/spec/template/spec/containers/0/env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }
}
