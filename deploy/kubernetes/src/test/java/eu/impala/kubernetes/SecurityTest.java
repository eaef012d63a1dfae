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
                assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText(), where);
                // on the management interface, which no Ingress routes and only Prometheus may reach
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    assertEquals("management", container.at("/" + probe + "/httpGet/port").asText(), where + " " + probe);
                }
                assertEquals(9000, port(container.path("ports"), "management", "containerPort"), where);
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
            JsonNode service = rendered.named("Service", name);
            assertTrue(selects(service.at("/spec/selector"), labels), set + " " + name);
            assertEquals(8080, port(service.at("/spec/ports"), "http", "port"), set + " " + name);
            assertEquals(9000, port(service.at("/spec/ports"), "management", "port"), set + " " + name);
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
            for (JsonNode policy : workloadPolicies(set.getValue())) {
                boolean gateway = name(policy).equals("impala-gateway");
                for (JsonNode rule : policy.at("/spec/ingress")) {
                    List<String> ports = texts(rule.path("ports").findValues("port"));
                    assertFalse(rule.path("from").isEmpty(), name(policy) + ": an ingress rule without from admits all");
                    for (JsonNode peer : rule.path("from")) {
                        String ns = peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText();
                        boolean fromGateway = peer.has("podSelector") && !peer.has("namespaceSelector")
                                && selects(peer.at("/podSelector/matchLabels"), gatewayPods);
                        // the API's port from the ingress controller (gateway) or the gateway (services); health and
                        // metrics from Prometheus only
                        boolean allowed = ports.equals(List.of("http")) ? gateway ? ns.equals("ingress-nginx") : fromGateway
                                : ports.equals(List.of("management")) && ns.equals("monitoring");
                        assertTrue(allowed, set.getKey() + " " + name(policy) + " admits " + peer + " on " + ports);
                        assertFalse(peer.has("ipBlock"), name(policy));
                    }
                }
            }
        }
    }

    @Test
    void egressGoesOnlyToDnsKafkaPostgresKeycloakTheServicesAndSmtp() {
        for (var set : Chart.valueSets()) {
            for (JsonNode policy : workloadPolicies(set.getValue())) {
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

    /** The unsubscribe links' key: from a kept Secret with 32 random bytes, or from the operator's own Secret. */
    @Test
    void unsubscribeLinksAreSignedWithAKeyFromAKeptSecret() {
        for (var set : Chart.valueSets()) {
            JsonNode notifications = set.getValue().named("Deployment", Chart.RELEASE + "-notifications");
            Map<String, JsonNode> env = new java.util.LinkedHashMap<>();
            for (JsonNode variable : notifications.at("/spec/template/spec/containers/0/env")) {
                env.put(variable.path("name").asText(), variable);
            }
            JsonNode key = env.get("IMPALA_NOTIFICATIONS_UNSUBSCRIBE_KEY");
            assertTrue(key != null && !key.has("value"), set.getKey() + ": the key comes from a Secret, never a value: " + key);
            assertEquals("key", key.at("/valueFrom/secretKeyRef/key").asText(), set.getKey());
            JsonNode secret = set.getValue().named("Secret", key.at("/valueFrom/secretKeyRef/name").asText());
            assertEquals("keep", secret.at("/metadata/annotations/helm.sh~1resource-policy").asText(), set.getKey());
            byte[] bytes = java.util.Base64.getDecoder().decode(new String(java.util.Base64.getDecoder().decode(
                    secret.at("/data/key").asText()), java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(32, bytes.length, set.getKey() + ": 32 random bytes");
            assertTrue(env.get("IMPALA_NOTIFICATIONS_PUBLIC_URL").path("value").asText().startsWith("http"), set.getKey());
        }
        JsonNode own = Chart.render(null, Map.of("unsubscribe.existingSecret", "my-unsubscribe-key"))
                .named("Deployment", Chart.RELEASE + "-notifications");
        boolean named = false;
        for (JsonNode variable : own.at("/spec/template/spec/containers/0/env")) {
            if ("IMPALA_NOTIFICATIONS_UNSUBSCRIBE_KEY".equals(variable.path("name").asText())) {
                named = "my-unsubscribe-key".equals(variable.at("/valueFrom/secretKeyRef/name").asText());
            }
        }
        assertTrue(named, "the operator's own Secret is the one read");
        assertTrue(Chart.render(null, Map.of("unsubscribe.existingSecret", "my-unsubscribe-key")).ofKind("Secret").stream()
                .noneMatch(s -> s.at("/metadata/name").asText().endsWith("-unsubscribe-key")), "and the chart makes none");
    }

    /**
     * The unsubscribe mailbox: by default the links name no {@code mailto:} (nothing would read it); with an address,
     * the IMAP account it is read from comes with it (credentials from a Secret, egress to its port), and an address
     * without an account fails the install.
     */
    @Test
    void aMailtoUnsubscribeAddressComesWithTheMailboxThatIsRead() {
        for (var set : Chart.valueSets()) {
            for (JsonNode variable : set.getValue().named("Deployment", Chart.RELEASE + "-notifications")
                    .at("/spec/template/spec/containers/0/env")) {
                assertTrue(!variable.path("name").asText().startsWith("IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAIL"),
                        set.getKey() + ": no mailto and no mailbox by default: " + variable);
            }
        }
        Map<String, Object> values = Map.of("unsubscribe.mailto", "unsubscribe@impalamusic.org",
                "unsubscribe.mailbox.host", "imap.impalamusic.org", "unsubscribe.mailbox.existingSecret", "unsubscribe-imap",
                "unsubscribe.mailbox.cidr", "203.0.113.7/32");
        Chart.Rendered rendered = Chart.render(null, values);
        Map<String, JsonNode> env = new java.util.LinkedHashMap<>();
        for (JsonNode variable : rendered.named("Deployment", Chart.RELEASE + "-notifications")
                .at("/spec/template/spec/containers/0/env")) {
            env.put(variable.path("name").asText(), variable);
        }
        assertEquals("unsubscribe@impalamusic.org", env.get("IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILTO").path("value").asText());
        assertEquals("imap.impalamusic.org", env.get("IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILBOX_HOST").path("value").asText());
        assertEquals("imaps", env.get("IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILBOX_PROTOCOL").path("value").asText());
        for (String key : List.of("username", "password")) {
            JsonNode variable = env.get("IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILBOX_" + key.toUpperCase(java.util.Locale.ROOT));
            assertEquals("unsubscribe-imap", variable.at("/valueFrom/secretKeyRef/name").asText(), key);
            assertEquals(key, variable.at("/valueFrom/secretKeyRef/key").asText());
        }
        boolean egress = false;
        for (JsonNode rule : rendered.named("NetworkPolicy", Chart.RELEASE + "-notifications").at("/spec/egress")) {
            egress |= rule.at("/ports/0/port").asInt() == 993 && "203.0.113.7/32".equals(rule.at("/to/0/ipBlock/cidr").asText());
        }
        assertTrue(egress, "notifications may reach the IMAP server");
        for (Map<String, Object> half : List.<Map<String, Object>>of(Map.of("unsubscribe.mailto", "unsubscribe@impalamusic.org"),
                Map.of("unsubscribe.mailto", "unsubscribe@impalamusic.org", "unsubscribe.mailbox.host", "imap.impalamusic.org"),
                Map.of("unsubscribe.mailbox.host", "imap.impalamusic.org", "unsubscribe.mailbox.existingSecret", "x"))) {
            Exception refused = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> Chart.template(null, half), half.toString());
            assertTrue(refused.getMessage().contains("go together"), refused.getMessage());
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

    @Test
    void theNamespaceDeniesIncomingConnectionsUnlessAPolicyNamesThem() {
        for (var set : Chart.valueSets()) {
            JsonNode deny = set.getValue().named("NetworkPolicy", "impala-default-deny");
            assertTrue(deny.at("/spec/podSelector").isEmpty(), set.getKey() + ": every pod of the namespace");
            assertEquals(List.of("Ingress"), texts(deny.at("/spec/policyTypes")), set.getKey());
            assertTrue(deny.at("/spec/ingress").isMissingNode(), set.getKey() + ": no rule, so nothing is admitted");
        }
        assertTrue(Chart.render(null, Map.of("networkPolicy.defaultDeny", false)).ofKind("NetworkPolicy").stream()
                .noneMatch(p -> name(p).equals("impala-default-deny")), "a namespace shared with others may opt out");
    }

    @Test
    void theDatabaseAcceptsOnlyTheServicesWithADatabaseKeycloakItsOwnInstancesAndItsOperator() {
        for (var set : Chart.valueSets()) {
            Chart.Rendered rendered = set.getValue();
            JsonNode policy = rendered.named("NetworkPolicy", "impala-postgres");
            assertEquals("impala-pg", policy.at("/spec/podSelector/matchLabels/cnpg.io~1cluster").asText());
            assertEquals(List.of("Ingress"), texts(policy.at("/spec/policyTypes")), "the instances reach the API server and S3");
            Map<String, List<JsonNode>> byPort = peersByPort(policy.at("/spec/ingress"));
            List<JsonNode> clients = byPort.get("5432");
            for (String service : List.of("membership", "campaigns", "notifications")) {
                JsonNode pods = rendered.named("Deployment", "impala-" + service).at("/spec/template/metadata/labels");
                assertTrue(clients.stream().anyMatch(p -> selects(p.at("/podSelector/matchLabels"), pods)), service);
            }
            JsonNode gatewayPods = rendered.named("Deployment", "impala-gateway").at("/spec/template/metadata/labels");
            assertTrue(clients.stream().noneMatch(p -> selects(p.at("/podSelector/matchLabels"), gatewayPods)),
                    set.getKey() + ": the gateway keeps no data");
            // the Keycloak operator's server pods and realm-import Job, as the operator labels them
            JsonNode keycloakServer = Chart.YAML.valueToTree(Map.of("app", "keycloak", "app.kubernetes.io/managed-by",
                    "keycloak-operator", "app.kubernetes.io/instance", "impala-keycloak"));
            JsonNode realmImport = Chart.YAML.valueToTree(Map.of("app", "keycloak-realm-import",
                    "app.kubernetes.io/managed-by", "keycloak-operator", "app.kubernetes.io/instance", "impala-keycloak"));
            for (JsonNode pods : List.of(keycloakServer, realmImport)) {
                assertTrue(clients.stream().anyMatch(p -> selects(p.at("/podSelector/matchLabels"), pods)), pods.toString());
            }
            // the three services, Keycloak's pods, and the operator
            assertEquals(5, clients.size(), set.getKey() + ": " + clients);
            JsonNode operator = byPort.get("8000").get(0);
            assertEquals(List.of(operator), byPort.get("8000"));
            assertTrue(clients.contains(operator), "the operator also on 5432");
            assertEquals("cnpg-system", operator.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText());
            assertEquals("cloudnative-pg", operator.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText());
            for (JsonNode peer : clients) {
                assertFalse(peer.has("ipBlock") || peer != operator && peer.has("namespaceSelector"), "this namespace: " + peer);
            }
            // the instances among themselves on any port (replication, instance managers), nobody else on any port
            List<JsonNode> anyPort = new java.util.ArrayList<>();
            policy.at("/spec/ingress").forEach(rule -> {
                if (!rule.has("ports")) {
                    anyPort.add(rule.path("from"));
                }
            });
            assertEquals(1, anyPort.size(), set.getKey());
            assertEquals(1, anyPort.get(0).size());
            assertEquals("impala-pg", anyPort.get(0).at("/0/podSelector/matchLabels/cnpg.io~1cluster").asText());
        }
    }

    @Test
    void keycloakAcceptsLoginsThroughTheIngressControllerAndTheWorkloadsAndReachesOnlyItsDatabase() {
        for (var set : Chart.valueSets()) {
            Chart.Rendered rendered = set.getValue();
            JsonNode policy = rendered.named("NetworkPolicy", "impala-keycloak");
            JsonNode pods = policy.at("/spec/podSelector/matchLabels");
            assertEquals("keycloak", pods.path("app").asText());
            assertEquals("impala-keycloak", pods.path("app.kubernetes.io/instance").asText());
            assertEquals(List.of("Ingress", "Egress"), texts(policy.at("/spec/policyTypes")));
            Map<String, List<JsonNode>> in = peersByPort(policy.at("/spec/ingress"));
            List<JsonNode> http = in.get("8080");
            assertTrue(http.stream().anyMatch(p -> "ingress-nginx".equals(
                    p.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())), "logins");
            for (JsonNode deployment : rendered.ofKind("Deployment")) {
                JsonNode labels = deployment.at("/spec/template/metadata/labels");
                assertTrue(http.stream().anyMatch(p -> selects(p.at("/podSelector/matchLabels"), labels)), name(deployment));
            }
            assertEquals(5, http.size(), set.getKey() + ": the ingress controller and the four workloads");
            for (String jgroups : List.of("7800", "57800")) {
                assertEquals(List.of(pods), in.get(jgroups).stream().map(p -> p.at("/podSelector/matchLabels")).toList(),
                        "clustering among Keycloak's own pods only");
            }
            for (JsonNode rule : policy.at("/spec/egress")) {
                List<String> ports = texts(rule.path("ports").findValues("port"));
                for (JsonNode peer : rule.path("to")) {
                    JsonNode to = peer.at("/podSelector/matchLabels");
                    boolean allowed = ports.equals(List.of("53", "53")) && to.path("k8s-app").asText().equals("kube-dns")
                            || ports.equals(List.of("5432")) && to.path("cnpg.io/cluster").asText().equals("impala-pg")
                            || ports.equals(List.of("7800", "57800")) && to.equals(pods);
                    assertTrue(allowed, set.getKey() + ": Keycloak may reach " + peer + " on " + ports);
                }
            }
        }
    }

    @Test
    void prometheusScrapesTheManagementPortOnly() {
        Chart.Rendered production = Chart.production();
        for (JsonNode monitor : production.ofKind("ServiceMonitor")) {
            assertEquals("management", monitor.at("/spec/endpoints/0/port").asText(), name(monitor));
            assertEquals("/q/metrics", monitor.at("/spec/endpoints/0/path").asText(), name(monitor));
        }
        assertEquals(4, production.ofKind("ServiceMonitor").size());
        for (JsonNode policy : workloadPolicies(production)) {
            Map<String, List<JsonNode>> in = peersByPort(policy.at("/spec/ingress"));
            assertEquals(List.of("monitoring"), in.get("management").stream().map(p -> p.at(
                    "/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()).toList(), name(policy));
        }
        // without scraping, nothing at all may reach the management port (kubelet probes are not subject to policies)
        for (JsonNode policy : workloadPolicies(Chart.defaults())) {
            assertFalse(peersByPort(policy.at("/spec/ingress")).containsKey("management"), name(policy));
        }
    }

    @Test
    void keycloakReachesTheDatabaseOverVerifiedTlsWithTheCaCertificateAlone() {
        for (var set : Chart.valueSets()) {
            JsonNode spec = set.getValue().ofKind("Keycloak").get(0).path("spec");
            assertEquals("jdbc:postgresql://impala-pg-rw:5432/keycloak?sslmode=verify-full"
                    + "&sslrootcert=/mnt/impala/postgres-ca/ca.crt", spec.at("/db/url").asText(), set.getKey());
            JsonNode pod = spec.at("/unsupported/podTemplate/spec");
            JsonNode volume = pod.at("/volumes/0");
            assertEquals("impala-pg-ca", volume.at("/secret/secretName").asText());
            // CloudNativePG's CA Secret also holds the CA's private key: only the certificate is mounted
            assertEquals(List.of("ca.crt"), texts(volume.at("/secret/items").findValues("key")));
            JsonNode mount = pod.at("/containers/0/volumeMounts/0");
            assertEquals(volume.path("name").asText(), mount.path("name").asText());
            assertEquals("/mnt/impala/postgres-ca", mount.path("mountPath").asText());
            assertTrue(mount.path("readOnly").asBoolean());
        }
        JsonNode plain = Chart.render(null, Map.of("postgres.sslMode", "require")).ofKind("Keycloak").get(0).path("spec");
        assertTrue(plain.at("/db/url").asText().endsWith("/keycloak?sslmode=require"), plain.at("/db/url").asText());
        assertTrue(plain.path("unsupported").isMissingNode(), "no CA to mount without verification");
    }

    /** The chart's own policy of each workload (the ones named after its Deployment). */
    static List<JsonNode> workloadPolicies(Chart.Rendered rendered) {
        List<String> workloads = rendered.ofKind("Deployment").stream().map(SecurityTest::name).toList();
        List<JsonNode> policies = rendered.ofKind("NetworkPolicy").stream().filter(p -> workloads.contains(name(p))).toList();
        assertEquals(workloads.size(), policies.size(), "one policy per workload");
        return policies;
    }

    /** The peers of a policy's rules, by each port the rule names (a rule of two ports counts for both). */
    static Map<String, List<JsonNode>> peersByPort(JsonNode rules) {
        Map<String, List<JsonNode>> byPort = new java.util.TreeMap<>();
        for (JsonNode rule : rules) {
            for (JsonNode port : rule.path("ports")) {
                List<JsonNode> peers = byPort.computeIfAbsent(port.path("port").asText(), p -> new java.util.ArrayList<>());
                rule.path("from").forEach(peers::add);
            }
        }
        return byPort;
    }

    /** A named port's number in a list of container or Service ports, or -1. */
    static int port(JsonNode ports, String name, String field) {
        for (JsonNode port : ports) {
            if (port.path("name").asText().equals(name)) {
                return port.path(field).asInt();
            }
        }
        return -1;
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
