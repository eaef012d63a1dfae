package eu.impala.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The chart says what the services really do: its topics and ACLs are read off the services' AsyncAPI files and
 * application.properties, its realm is the realm file, its images are the ones the services build.
 */
class CatalogueTest {

    /** Chart workload → the service module it runs. */
    static final Map<String, String> MODULES = Map.of(
            "gateway", "gateway",
            "membership", "membership-service",
            "campaigns", "campaigns-service",
            "notifications", "notifications-service");

    @Test
    void theChartsTopicsAreExactlyTheTopicsTheServicesUse() {
        Set<String> used = new TreeSet<>();
        MODULES.values().forEach(module -> {
            used.addAll(writes(module));
            used.addAll(reads(module));
        });
        for (var set : Chart.valueSets()) {
            Set<String> topics = new TreeSet<>();
            set.getValue().ofKind("KafkaTopic").forEach(t -> topics.add(t.at("/spec/topicName").asText()));
            assertEquals(used, topics, set.getKey());
        }
    }

    @Test
    void eachServiceMayWriteExactlyWhatItPublishesAndReadExactlyWhatItConsumes() {
        for (var set : Chart.valueSets()) {
            for (Map.Entry<String, String> service : MODULES.entrySet()) {
                String module = service.getValue();
                Set<String> writes = new TreeSet<>();
                Set<String> reads = new TreeSet<>();
                Set<String> groupPrefixes = new TreeSet<>();
                for (JsonNode user : set.getValue().ofKind("KafkaUser")) {
                    if (!user.at("/metadata/name").asText().equals("impala-" + service.getKey())) {
                        continue;
                    }
                    for (JsonNode acl : user.at("/spec/authorization/acls")) {
                        String name = acl.at("/resource/name").asText();
                        Set<String> operations = new TreeSet<>(SecurityTest.texts(acl.path("operations")));
                        switch (acl.at("/resource/type").asText()) {
                            case "topic" -> (operations.contains("Write") ? writes : reads).add(name);
                            case "group" -> groupPrefixes.add(name);
                            default -> throw new AssertionError("unexpected ACL " + acl);
                        }
                    }
                }
                String where = set.getKey() + " " + service.getKey();
                assertEquals(writes(module), writes, where + ": topics it may write");
                assertEquals(reads(module), reads, where + ": topics it may read");
                for (String group : groups(module)) {
                    assertTrue(groupPrefixes.stream().anyMatch(group::startsWith), where + ": group " + group);
                }
            }
        }
    }

    @Test
    void eachServicesAsyncApiFileNamesTheTopicsItsConsumersRead() {
        for (String module : MODULES.values()) {
            assertEquals(asyncApiTopics(module, "receive"), reads(module), module);
        }
    }

    @Test
    void theImportedRealmIsTheRealmFileAndProductionLeavesOutItsDemoUsers() throws IOException {
        JsonNode file = Chart.YAML.readTree(Chart.REPO.resolve("deploy/keycloak/impala-realm.json").toFile());
        assertEquals(file, Chart.defaults().ofKind("KeycloakRealmImport").get(0).at("/spec/realm"));

        ObjectNode withoutUsers = file.deepCopy();
        withoutUsers.remove("users");
        assertEquals(withoutUsers, Chart.production().ofKind("KeycloakRealmImport").get(0).at("/spec/realm"));
    }

    @Test
    void theChartRunsTheImagesTheServicesBuild() throws IOException {
        String version = projectVersion();
        for (Map.Entry<String, String> service : MODULES.entrySet()) {
            Properties config = properties(service.getValue());
            String expected = String.join("/", config.getProperty("quarkus.container-image.registry"),
                    config.getProperty("quarkus.container-image.group"),
                    config.getProperty("quarkus.container-image.name")) + ":" + version;
            JsonNode deployment = Chart.defaults().named("Deployment", "impala-" + service.getKey());
            assertEquals(expected, deployment.at("/spec/template/spec/containers/0/image").asText());
            assertEquals("185", config.getProperty("quarkus.jib.user"));
            assertEquals(185, deployment.at("/spec/template/spec/securityContext/runAsUser").asInt());
            assertEquals("false", config.getProperty("quarkus.container-image.push"), "CI never pushes");
        }
    }

    @Test
    void everyImpalaSettingTheChartPassesIsOneTheServiceReads() {
        for (Map.Entry<String, String> service : MODULES.entrySet()) {
            Set<String> known = new TreeSet<>();
            properties(service.getValue()).stringPropertyNames()
                    .forEach(p -> known.add(p.replaceAll("[.\\-]", "_").toUpperCase()));
            JsonNode deployment = Chart.production().named("Deployment", "impala-" + service.getKey());
            for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
                String name = env.path("name").asText();
                if (name.startsWith("IMPALA_")) {
                    assertTrue(known.contains(name), service.getKey() + " reads no setting named by " + name);
                }
            }
        }
    }

    /** The topics a service publishes (the send operations of its AsyncAPI file) and its dead-letter topics. */
    static Set<String> writes(String module) {
        Set<String> topics = asyncApiTopics(module, "send");
        properties(module).forEach((key, value) -> {
            if (key.toString().equals("impala.inbox.dead-letter-topic")) {
                topics.add(value.toString());
            }
        });
        return topics;
    }

    /** The topics of an action (send, receive) in a service's AsyncAPI 3 file. */
    static Set<String> asyncApiTopics(String module, String action) {
        Set<String> topics = new TreeSet<>();
        Path file = Chart.REPO.resolve(module).resolve("src/main/resources/asyncapi.yaml");
        if (!Files.exists(file)) {
            return topics;
        }
        try {
            JsonNode asyncApi = Chart.YAML.readTree(file.toFile());
            asyncApi.path("operations").forEach(operation -> {
                if (operation.path("action").asText().equals(action)) {
                    String ref = operation.at("/channel/$ref").asText();
                    String address = asyncApi.at(ref.substring(1) + "/address").asText();
                    assertTrue(!address.isEmpty(), module + ": " + ref + " has no address");
                    topics.add(address);
                }
            });
        } catch (IOException e) {
            throw new AssertionError(file + " is not YAML", e);
        }
        return topics;
    }

    /** The topics of a service's incoming channels. */
    static Set<String> reads(String module) {
        return channelSettings(module, "topic");
    }

    static Set<String> groups(String module) {
        return channelSettings(module, "group.id");
    }

    private static Set<String> channelSettings(String module, String setting) {
        Pattern incoming = Pattern.compile("mp\\.messaging\\.incoming\\.[^.]+\\." + Pattern.quote(setting));
        Set<String> values = new TreeSet<>();
        properties(module).forEach((key, value) -> {
            Matcher m = incoming.matcher(key.toString());
            if (m.matches()) {
                values.add(value.toString());
            }
        });
        return values;
    }

    static Properties properties(String module) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Chart.REPO.resolve(module).resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new AssertionError(module + " has no application.properties", e);
        }
        return properties;
    }

    static String projectVersion() throws IOException {
        String pom = Files.readString(Chart.REPO.resolve("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>impala-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "no version in the root pom");
        return m.group(1);
    }
}
