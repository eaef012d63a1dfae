package eu.impala.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

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
    void theDemoImportsTheRealmFileAsItIsWithTheConsolesPublicAddress() throws IOException {
        JsonNode file = Chart.YAML.readTree(Chart.REPO.resolve("deploy/keycloak/impala-realm.json").toFile());
        JsonNode demo = Chart.render(null, Map.of("keycloak.realmImport.demoUsers", true))
                .ofKind("KeycloakRealmImport").get(0).at("/spec/realm");
        // the one addition: the console as the cluster publishes it (publicUrl), beside the local run's addresses
        for (JsonNode client : file.path("clients")) {
            if ("impala-frontend".equals(client.path("clientId").asText())) {
                var frontend = (com.fasterxml.jackson.databind.node.ObjectNode) client;
                frontend.withArray("redirectUris").add("http://api.impala.localhost/console/*");
                frontend.withArray("webOrigins").add("http://api.impala.localhost");
                var attributes = (com.fasterxml.jackson.databind.node.ObjectNode) frontend.path("attributes");
                attributes.put("post.logout.redirect.uris", attributes.path("post.logout.redirect.uris").asText()
                        + "##http://api.impala.localhost/console/*");
            }
        }
        assertEquals(file, demo);
    }

    @Test
    void aProductionRealmHasItsAssociationsSyncClientsAndNothingOfTheDemo() throws IOException {
        JsonNode file = Chart.YAML.readTree(Chart.REPO.resolve("deploy/keycloak/impala-realm.json").toFile());
        for (var set : Chart.valueSets()) {
            JsonNode imported = set.getValue().ofKind("KeycloakRealmImport").get(0);
            JsonNode realm = imported.at("/spec/realm");
            String where = set.getKey();
            assertEquals(file.path("roles"), realm.path("roles"), where);
            assertEquals(file.path("components"), realm.path("components"), where);
            // the console's own address (publicUrl/console/*, its origin) is the values' public URL, whatever its host
            String publicUrl = OperatorSwitchTest.env(set.getValue().named("Deployment", "impala-notifications"))
                    .get("IMPALA_NOTIFICATIONS_PUBLIC_URL").path("value").asText();
            String text = realm.toString().replace(publicUrl, "https://public.example");
            for (String demo : List.of("-demo\"", "dev-secret", "localhost", "demo.impala.example")) {
                assertFalse(text.contains(demo), where + ": " + demo + " in the realm");
            }
            // brute-force protection locks an account out for a while, never for good
            assertTrue(realm.path("bruteForceProtected").asBoolean(), where);
            assertFalse(realm.path("permanentLockout").asBoolean(true), where);
            assertTrue(realm.path("maxFailureWaitSeconds").asInt() <= 900, where);

            Map<String, JsonNode> clients = new java.util.HashMap<>();
            realm.path("clients").forEach(c -> clients.put(c.path("clientId").asText(), c));
            JsonNode frontend = clients.get("impala-frontend");
            assertFalse(frontend.path("directAccessGrantsEnabled").asBoolean(true), where + ": password grants");
            assertTrue(frontend.path("publicClient").asBoolean(), where);
            for (JsonNode client : clients.values()) {
                String secret = client.path("secret").asText();
                assertTrue(secret.isEmpty() || secret.matches("\\$\\{IMPALA_[A-Z0-9_]+_SECRET}"),
                        where + ": " + client.path("clientId").asText() + " has a secret of its own: " + secret);
                if (!secret.isEmpty()) {
                    String placeholder = secret.substring(2, secret.length() - 1);
                    assertTrue(imported.at("/spec/placeholders/" + placeholder + "/secret/name").isTextual(),
                            where + ": " + placeholder + " comes from no Secret");
                }
            }
            Map<String, JsonNode> serviceAccounts = new java.util.HashMap<>();
            realm.path("users").forEach(u -> {
                assertTrue(u.has("serviceAccountClientId"), where + ": a person in the realm: " + u.path("username"));
                serviceAccounts.put(u.path("serviceAccountClientId").asText(), u);
            });
            List<String> sync = clients.values().stream().filter(c -> c.path("serviceAccountsEnabled").asBoolean())
                    .map(c -> c.path("clientId").asText()).sorted().toList();
            for (String clientId : sync) {
                JsonNode account = serviceAccounts.get(clientId);
                assertTrue(account != null && SecurityTest.texts(account.path("realmRoles")).contains("sync-client"),
                        where + ": " + clientId + " has no service account with sync-client");
                boolean claim = false;
                for (JsonNode mapper : clients.get(clientId).path("protocolMappers")) {
                    claim |= mapper.at("/config/claim.name").asText().equals("association_id")
                            && mapper.at("/config/claim.value").asText().matches("[0-9a-f-]{36}");
                }
                assertTrue(claim, where + ": " + clientId + " names no association");
            }
            if (where.startsWith("production")) {
                assertEquals(List.of("sync-de", "sync-fr"), sync, where);
                assertTrue(SecurityTest.texts(frontend.path("redirectUris")).contains("https://portal.impalamusic.org/*"), where);
            } else {
                assertEquals(List.of(), sync, "the default values name no association");
            }
        }
    }

    @Test
    void theConsoleSignsInAtTheRealmsPublicAddressAndComesBackToThePublicUrl() {
        for (var set : Chart.valueSets()) {
            String where = set.getKey();
            Map<String, JsonNode> gateway = OperatorSwitchTest.env(set.getValue().named("Deployment", "impala-gateway"));
            String publicUrl = OperatorSwitchTest.env(set.getValue().named("Deployment", "impala-notifications"))
                    .get("IMPALA_NOTIFICATIONS_PUBLIC_URL").path("value").asText();
            // where browsers sign in: the realm's public address (the token issuer), never the in-cluster one
            assertEquals(gateway.get("QUARKUS_OIDC_TOKEN_ISSUER").path("value").asText(),
                    gateway.get("IMPALA_GATEWAY_CONSOLE_KEYCLOAK_URL").path("value").asText(), where);
            assertFalse(gateway.get("IMPALA_GATEWAY_CONSOLE_KEYCLOAK_URL").path("value").asText().contains("-service"),
                    where);
            JsonNode frontend = null;
            for (JsonNode c : set.getValue().ofKind("KeycloakRealmImport").get(0).at("/spec/realm/clients")) {
                if ("impala-frontend".equals(c.path("clientId").asText())) {
                    frontend = c;
                }
            }
            assertNotNull(frontend, where);
            List<String> redirects = SecurityTest.texts(frontend.path("redirectUris"));
            assertTrue(redirects.contains(publicUrl + "/console/*"), where + ": " + redirects);
            assertTrue(SecurityTest.texts(frontend.path("webOrigins")).contains(publicUrl.replaceAll("^(https?://[^/]+).*", "$1")),
                    where);
            assertEquals(String.join("##", redirects), frontend.at("/attributes/post.logout.redirect.uris").asText(),
                    where + ": signing out comes back to where signing in may");
            if (where.startsWith("production")) {
                assertTrue(publicUrl.startsWith("https://"), where);
            }
        }
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

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
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
