package eu.impala.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The security-relevant parts of the rendered chart, for the default and the production values. */
class SecurityTest {

    @Test
    void noContainerRunsAsRootOrCanWriteItsRootFilesystem() {
        forEachDeployment((set, rendered, deployment) -> {
            JsonNode pod = deployment.at("/spec/template/spec");
            String where = set + " " + name(deployment);
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), where + ": runAsNonRoot");
            assertTrue(pod.at("/securityContext/runAsUser").asInt() > 0, where + ": runAsUser");
            assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText(), where);
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), where + ": token mounted");
            assertFalse(pod.path("hostNetwork").asBoolean(false), where);
            for (JsonNode container : pod.path("containers")) {
                JsonNode sc = container.path("securityContext");
                assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), where + ": readOnlyRootFilesystem");
                assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), where + ": privilege escalation");
                assertFalse(sc.path("privileged").asBoolean(false), where + ": privileged");
                assertTrue(sc.path("runAsUser").asInt(1) > 0, where + ": container runAsUser");
                assertTrue(texts(sc.at("/capabilities/drop")).contains("ALL"), where + ": capabilities kept");
            }
        });
    }

    @Test
    void everyDeploymentHasHealthProbesRequestsAndLimits() {
        forEachDeployment((set, rendered, deployment) -> {
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                String where = set + " " + name(deployment);
                assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), where);
                assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), where);
                assertEquals("http", container.at("/readinessProbe/httpGet/port").asText(), where);
                for (String kind : List.of("limits", "requests")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertFalse(container.at("/resources/" + kind + "/" + resource).asText().isEmpty(),
                                where + ": no " + kind + "." + resource);
                    }
                }
            }
        });
    }

    @Test
    void everyDeploymentHasItsServiceAccountServiceAutoscalerAndDisruptionBudget() {
        forEachDeployment((set, rendered, deployment) -> {
            String name = name(deployment);
            JsonNode labels = deployment.at("/spec/template/metadata/labels");
            assertEquals(name, deployment.at("/spec/template/spec/serviceAccountName").asText());
            rendered.named("ServiceAccount", name);
            assertTrue(selects(rendered.named("Service", name).at("/spec/selector"), labels), set + " " + name);
            assertEquals(name, rendered.named("HorizontalPodAutoscaler", name).at("/spec/scaleTargetRef/name").asText());
            assertTrue(selects(rendered.named("PodDisruptionBudget", name).at("/spec/selector/matchLabels"), labels));
        });
    }

    @Test
    void onlyTheGatewayAndKeycloaksLoginPathsAreReachableFromOutsideTheCluster() {
        for (var set : Chart.valueSets()) {
            List<JsonNode> ingresses = set.getValue().ofKind("Ingress");
            assertEquals(2, ingresses.size(), set.getKey());
            List<String> gatewayPaths = new java.util.ArrayList<>();
            for (JsonNode path : set.getValue().named("Ingress", "impala-gateway").at("/spec/rules/0/http/paths")) {
                assertEquals("impala-gateway", path.at("/backend/service/name").asText(), set.getKey());
                gatewayPaths.add(path.path("path").asText());
            }
            // the API only: /q/health, /q/metrics, the OpenAPI and Swagger UI are not published
            assertEquals(List.of("/api/"), gatewayPaths, set.getKey());
            // Keycloak: login, tokens and keys, and the login pages' assets; never /admin, /metrics or /health
            JsonNode keycloak = set.getValue().named("Ingress", "impala-keycloak");
            List<String> paths = new java.util.ArrayList<>();
            for (JsonNode path : keycloak.at("/spec/rules/0/http/paths")) {
                paths.add(path.path("path").asText());
                assertEquals("impala-keycloak-service", path.at("/backend/service/name").asText(), set.getKey());
            }
            assertEquals(List.of("/realms/", "/resources/"), paths, set.getKey());
            assertFalse(set.getValue().ofKind("Keycloak").get(0).at("/spec/ingress/enabled").asBoolean(true),
                    "the operator's own Ingress would publish every path");
            for (JsonNode service : set.getValue().ofKind("Service")) {
                assertEquals("ClusterIP", service.at("/spec/type").asText(), set.getKey() + " " + name(service));
            }
        }
    }

    @Test
    void everyWorkloadHasOneNetworkPolicyForBothDirections() {
        forEachDeployment((set, rendered, deployment) -> {
            JsonNode labels = deployment.at("/spec/template/metadata/labels");
            List<JsonNode> policies = rendered.ofKind("NetworkPolicy").stream()
                    .filter(p -> selects(p.at("/spec/podSelector/matchLabels"), labels)).toList();
            assertEquals(1, policies.size(), set + " " + name(deployment));
            assertEquals(List.of("Ingress", "Egress"), texts(policies.get(0).at("/spec/policyTypes")));
        });
    }

    @Test
    void servicesAcceptTrafficOnlyFromTheGatewayAndTheGatewayOnlyFromTheIngressController() {
        for (var set : Chart.valueSets()) {
            JsonNode gatewayPods = set.getValue().named("Deployment", "impala-gateway").at("/spec/template/metadata/labels");
            for (JsonNode policy : set.getValue().ofKind("NetworkPolicy")) {
                boolean gateway = name(policy).equals("impala-gateway");
                for (JsonNode rule : policy.at("/spec/ingress")) {
                    assertEquals(List.of("http"), texts(rule.path("ports").findValues("port")), name(policy));
                    assertFalse(rule.path("from").isEmpty(), name(policy) + ": an ingress rule without from admits all");
                    for (JsonNode peer : rule.path("from")) {
                        String ns = peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText();
                        boolean fromGateway = peer.has("podSelector") && !peer.has("namespaceSelector")
                                && selects(peer.at("/podSelector/matchLabels"), gatewayPods);
                        boolean allowed = gateway ? ns.equals("ingress-nginx") || ns.equals("monitoring")
                                : fromGateway || ns.equals("monitoring");
                        assertTrue(allowed, set.getKey() + " " + name(policy) + " admits " + peer);
                        assertFalse(peer.has("ipBlock"), name(policy));
                    }
                }
            }
        }
    }

    @Test
    void egressGoesOnlyToDnsKafkaPostgresKeycloakTheServicesAndSmtp() {
        for (var set : Chart.valueSets()) {
            for (JsonNode policy : set.getValue().ofKind("NetworkPolicy")) {
                String name = name(policy);
                for (JsonNode rule : policy.at("/spec/egress")) {
                    assertFalse(rule.path("to").isEmpty(), name + ": an egress rule without to allows everything");
                    assertFalse(rule.path("ports").isEmpty(), name + ": an egress rule without ports");
                    List<String> ports = texts(rule.path("ports").findValues("port"));
                    for (JsonNode peer : rule.path("to")) {
                        assertTrue(allowedEgress(name, ports, peer), set.getKey() + " " + name + " may reach " + peer + " on " + ports);
                    }
                }
            }
        }
    }

    private static boolean allowedEgress(String policy, List<String> ports, JsonNode peer) {
        JsonNode pods = peer.at("/podSelector/matchLabels");
        if (ports.equals(List.of("53", "53"))) {
            return pods.path("k8s-app").asText().equals("kube-dns");
        }
        if (pods.has("strimzi.io/cluster")) {
            return !policy.equals("impala-gateway") && ports.equals(List.of("9093"));
        }
        if (pods.has("cnpg.io/cluster")) {
            return !policy.equals("impala-gateway") && ports.equals(List.of("5432"));
        }
        if (pods.path("app").asText().equals("keycloak")) {
            return ports.equals(List.of("8080"));
        }
        if (pods.path("app.kubernetes.io/instance").asText().equals(Chart.RELEASE) && pods.has("app.kubernetes.io/name")) {
            return policy.equals("impala-gateway") && !pods.path("app.kubernetes.io/name").asText().equals("gateway");
        }
        if (peer.has("ipBlock") && policy.equals("impala-notifications")) {
            // the SMTP relay, or webhook receivers over https anywhere but the private ranges
            return ports.equals(List.of("587")) || ports.equals(List.of("443"))
                    && (texts(peer.at("/ipBlock/except")).containsAll(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
                    || texts(peer.at("/ipBlock/except")).containsAll(List.of("fc00::/7", "fe80::/10")));
        }
        return false;
    }

    @Test
    void credentialsReachTheContainersOnlyFromSecrets() {
        forEachDeployment((set, rendered, deployment) -> {
            for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
                String variable = env.path("name").asText();
                if (variable.matches(".*(PASSWORD|SECRET|JAAS|CREDENTIAL).*")) {
                    assertFalse(env.has("value"), set + " " + name(deployment) + ": " + variable + " in clear");
                    assertTrue(env.at("/valueFrom/secretKeyRef/name").isTextual(), variable);
                }
            }
        });
    }

    @Test
    void kafkaIsReachableOnlyWithCredentialsAndOnlyByThePlatformsClients() {
        for (var set : Chart.valueSets()) {
            JsonNode kafka = set.getValue().ofKind("Kafka").get(0);
            assertEquals("simple", kafka.at("/spec/kafka/authorization/type").asText());
            for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
                assertEquals("scram-sha-512", listener.at("/authentication/type").asText());
                assertTrue(listener.path("tls").asBoolean(), set.getKey() + ": listener without TLS");
                assertEquals("true", listener.at("/networkPolicyPeers/0/podSelector/matchLabels/impala.eu~1kafka-client").asText());
            }
            for (JsonNode user : set.getValue().ofKind("KafkaUser")) {
                for (JsonNode acl : user.at("/spec/authorization/acls")) {
                    assertFalse(acl.at("/resource/name").asText().contains("*"), name(user) + ": wildcard ACL " + acl);
                    assertFalse(texts(acl.path("operations")).contains("All"), name(user) + ": All " + acl);
                }
            }
        }
    }

    @Test
    void webhooksCannotReachLoopbackOrPlainHttpAndTheirSecretsAreSealedWithAKeptKey() {
        for (var set : Chart.valueSets()) {
            JsonNode notifications = set.getValue().named("Deployment", Chart.RELEASE + "-notifications");
            Map<String, JsonNode> env = new java.util.LinkedHashMap<>();
            for (JsonNode variable : notifications.at("/spec/template/spec/containers/0/env")) {
                env.put(variable.path("name").asText(), variable); // the last of a name is the one that counts
            }
            assertEquals("false", env.get("IMPALA_NOTIFICATIONS_WEBHOOKS_ALLOW_LOOPBACK").path("value").asText(), set.getKey());
            assertEquals("false", env.get("IMPALA_NOTIFICATIONS_WEBHOOKS_ALLOW_HTTP").path("value").asText(), set.getKey());
            assertTrue(env.get("IMPALA_NOTIFICATIONS_WEBHOOKS_DENY_HOSTS").path("value").asText().contains(".cluster.local"));
            assertTrue(env.get("IMPALA_NOTIFICATIONS_WEBHOOKS_DENY_NETWORKS").path("value").asText().contains("/"));
            String secret = env.get("IMPALA_NOTIFICATIONS_WEBHOOKS_SECRET_KEYS").at("/valueFrom/secretKeyRef/name").asText();
            JsonNode keys = set.getValue().named("Secret", secret);
            assertEquals("keep", keys.at("/metadata/annotations/helm.sh~1resource-policy").asText());
            String pairs = new String(java.util.Base64.getDecoder().decode(keys.at("/data/keys").asText()),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(pairs.matches("chart1:[A-Za-z0-9+/=]{44}"), "one id:key pair");
            assertEquals(32, java.util.Base64.getDecoder().decode(pairs.substring("chart1:".length())).length);
        }
        // by name, with a profile prefix, or as a system property (which would outrank the pinned environment)
        for (Map<String, Object> values : List.<Map<String, Object>>of(
                Map.of("services.notifications.env.IMPALA_NOTIFICATIONS_WEBHOOKS_ALLOW_LOOPBACK", "true"),
                Map.of("services.notifications.env.IMPALA_NOTIFICATIONS_WEBHOOKS_ALLOW_HTTP", "true"),
                Map.of("services.notifications.env._PROD_IMPALA_NOTIFICATIONS_WEBHOOKS_ALLOW_LOOPBACK", "true"),
                Map.of("services.notifications.javaOpts", "-XX:+UseG1GC -Dimpala.notifications.webhooks.allow-loopback=true"))) {
            Exception refused = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> Chart.template(null, values), values.toString());
            assertTrue(refused.getMessage().contains("for tests and the local platform only"), refused.getMessage());
        }
    }

    @Test
    void productionServesKeycloakOverTlsWithACertificateFromCertManager() {
        JsonNode keycloak = Chart.production().named("Ingress", "impala-keycloak");
        assertEquals("auth.impalamusic.org", keycloak.at("/spec/rules/0/host").asText());
        assertEquals("auth.impalamusic.org", keycloak.at("/spec/tls/0/hosts/0").asText());
        assertEquals("auth-impalamusic-org-tls", keycloak.at("/spec/tls/0/secretName").asText());
        assertEquals("letsencrypt", keycloak.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText());
        assertTrue(Chart.production().ofKind("Keycloak").get(0).at("/spec/hostname/admin").asText()
                .startsWith("http://localhost"), "the admin console is only reached through a port-forward");
    }

    @Test
    void webhookEgressLeavesOutInternalRangesOfBothFamilies() {
        for (var set : Chart.valueSets()) {
            JsonNode policy = set.getValue().named("NetworkPolicy", Chart.RELEASE + "-notifications");
            List<String> excepted = new java.util.ArrayList<>();
            List<String> open = new java.util.ArrayList<>();
            for (JsonNode rule : policy.at("/spec/egress")) {
                if (rule.at("/ports/0/port").asInt() == 443) {
                    for (JsonNode to : rule.path("to")) {
                        open.add(to.at("/ipBlock/cidr").asText());
                        excepted.addAll(texts(to.at("/ipBlock/except")));
                    }
                }
            }
            assertEquals(List.of("0.0.0.0/0", "::/0"), open, set.getKey());
            for (String internal : List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
                    "100.64.0.0/10", "127.0.0.0/8", "fc00::/7", "fe80::/10", "64:ff9b::/96")) {
                assertTrue(excepted.contains(internal), set.getKey() + ": webhooks may reach " + internal);
            }
        }
    }

    @Test
    void theGatewayTrustsForwardedHeadersFromThePodNetworkOnly() {
        for (var set : Chart.valueSets()) {
            JsonNode gateway = set.getValue().named("Deployment", Chart.RELEASE + "-gateway");
            String trusted = null;
            for (JsonNode variable : gateway.at("/spec/template/spec/containers/0/env")) {
                if (variable.path("name").asText().equals("IMPALA_GATEWAY_TRUSTED_PROXIES")) {
                    trusted = variable.path("value").asText();
                }
            }
            assertEquals("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16", trusted, set.getKey());
        }
    }

    /** A check of one Deployment: the value set's name, its whole rendering, the Deployment. */
    interface DeploymentCheck {
        void check(String set, Chart.Rendered rendered, JsonNode deployment);
    }

    static void forEachDeployment(DeploymentCheck check) {
        int seen = 0;
        for (var set : Chart.valueSets()) {
            for (JsonNode deployment : set.getValue().ofKind("Deployment")) {
                check.check(set.getKey(), set.getValue(), deployment);
                seen++;
            }
        }
        if (seen != 8) {
            fail("expected 4 Deployments per value set, saw " + seen + " in all");
        }
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> wanted : selector.properties()) {
            if (!wanted.getValue().asText().equals(labels.path(wanted.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static String name(JsonNode object) {
        return object.at("/metadata/name").asText();
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    static List<String> texts(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::asText).toList();
    }
}
