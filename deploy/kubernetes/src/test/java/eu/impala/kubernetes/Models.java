package eu.impala.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Checks a rendered object against the published model of its kind: the Kubernetes (fabric8) and Strimzi
 * model classes, bound strictly, or for Keycloak's and CloudNativePG's resources, which have no model on
 * Maven Central, the JSON Schemas in src/test/resources/schemas.
 */
final class Models {

    /** apiVersion/kind → the model class it must bind to. */
    static final Map<String, Class<?>> CLASSES = Map.ofEntries(
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class));

    /** apiVersion/kind → the schema file it must validate against. */
    static final Map<String, String> SCHEMAS = Map.of(
            "k8s.keycloak.org/v2alpha1/Keycloak", "keycloak.schema.json",
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport", "keycloak-realm-import.schema.json",
            "postgresql.cnpg.io/v1/Cluster", "cnpg-cluster.schema.json",
            "postgresql.cnpg.io/v1/Database", "cnpg-database.schema.json",
            "postgresql.cnpg.io/v1/ScheduledBackup", "cnpg-scheduled-backup.schema.json");

    /**
     * Rejects any property the model does not declare. The models keep unknown properties in a catch-all map
     * (@JsonAnySetter) so that clients survive newer servers; for checking our own manifests that tolerance
     * would hide every misspelt field, so it is switched off here.
     */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .build();

    private static final JsonSchemaFactory SCHEMA_FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private Models() {
    }

    static String typeOf(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    }

    private static final JsonSchemaFactory CRD_SCHEMA_FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final Map<String, JsonSchema> CRD_SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The problems of one object against its model, and for an operator's resource also against the schema derived
     * from the operator's published CRD ({@link CrdSchemas}); empty when it conforms.
     */
    static Set<String> problems(JsonNode object) {
        Set<String> problems = new java.util.TreeSet<>(modelProblems(object));
        String group = object.path("apiVersion").asText().contains("/")
                ? object.path("apiVersion").asText().replace('/', '_') : null;
        if (group != null) {
            String file = "/schemas/crd/" + group + "_" + object.path("kind").asText() + ".json";
            if (Models.class.getResource(file) != null) {
                JsonSchema crd = CRD_SCHEMAS.computeIfAbsent(file, f -> {
                    try (InputStream in = Models.class.getResourceAsStream(f)) {
                        return CRD_SCHEMA_FACTORY.getSchema(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                crd.validate(object).forEach(m -> problems.add("against the operator's CRD: " + m.getMessage()));
            }
        }
        return problems;
    }

    private static Set<String> modelProblems(JsonNode object) {
        String type = typeOf(object);
        Class<?> model = CLASSES.get(type);
        if (model != null) {
            try {
                STRICT.treeToValue(object, model);
                return Set.of();
            } catch (IOException e) {
                return Set.of(e.getMessage().lines().findFirst().orElse(e.toString()));
            }
        }
        String schema = SCHEMAS.get(type);
        if (schema != null) {
            return schema(schema).validate(object).stream().map(ValidationMessage::getMessage)
                    .collect(Collectors.toSet());
        }
        return Set.of("no model or schema is known for " + type + ": add one before rendering it");
    }

    static JsonSchema schema(String file) {
        try (InputStream in = Models.class.getResourceAsStream("/schemas/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + file);
            }
            return SCHEMA_FACTORY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
