package eu.impala.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Checks a rendered object against what its operator or Kubernetes itself accepts: the published model classes,
 * bound strictly (Kubernetes through fabric8, Strimzi through its {@code api} artifact), or for the operators that
 * publish no model on Maven Central (Keycloak, CloudNativePG, the Prometheus Operator) the JSON Schemas derived from
 * their CRDs by {@link CrdSchemas}. Either way an unknown or misspelt field is a problem naming its path.
 */
final class Models {

    /** apiVersion/kind → the model class it must bind to. */
    static final Map<String, Class<?>> CLASSES = Map.ofEntries(
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));

    /** apiVersion/kind of the resources checked against the schema derived from their operator's CRD. */
    static final Set<String> CRD_CHECKED = Set.of(
            "k8s.keycloak.org/v2alpha1/Keycloak",
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport",
            "postgresql.cnpg.io/v1/Cluster",
            "postgresql.cnpg.io/v1/Database",
            "postgresql.cnpg.io/v1/ScheduledBackup",
            "monitoring.coreos.com/v1/ServiceMonitor",
            "monitoring.coreos.com/v1/PrometheusRule");

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

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final Map<String, JsonSchema> CRD_SCHEMAS = new ConcurrentHashMap<>();

    private Models() {
    }

    static String typeOf(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    }

    /** Where the derived schema of an apiVersion/kind lives, under src/test/resources/schemas/crd. */
    static String crdSchemaFile(String type) {
        return type.replace('/', '_') + ".json";
    }

    /** The problems of one object against its model or its operator's CRD, each naming its path; empty when it conforms. */
    static Set<String> problems(JsonNode object) {
        String type = typeOf(object);
        Class<?> model = CLASSES.get(type);
        if (model != null) {
            return bindingProblems(object, model);
        }
        if (CRD_CHECKED.contains(type)) {
            Set<String> problems = new TreeSet<>();
            crdSchema(type).validate(object).forEach(m -> problems.add(crdProblem(m)));
            bindingProblems(object.path("metadata"), ObjectMeta.class)
                    .forEach(p -> problems.add(p.replaceFirst("^\\$", "\\$.metadata")));
            return problems;
        }
        return Set.of("no model or schema is known for " + type + ": add one before rendering it");
    }

    /** A schema finding as "path of the field: what is wrong", like the models' findings. */
    private static String crdProblem(ValidationMessage finding) {
        String path = finding.getInstanceLocation().toString();
        return switch (finding.getType()) {
            case "additionalProperties" -> path + "." + finding.getProperty() + ": unknown field, not in the operator's CRD";
            case "required" -> path + "." + finding.getProperty() + ": missing, the operator's CRD requires it";
            default -> path + ": " + finding.getError() + " (the operator's CRD)";
        };
    }

    private static Set<String> bindingProblems(JsonNode object, Class<?> model) {
        try {
            STRICT.treeToValue(object, model);
            return Set.of();
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder("$");
            for (JsonMappingException.Reference step : e.getPath()) {
                path.append(step.getFieldName() != null ? "." + step.getFieldName() : "[" + step.getIndex() + "]");
            }
            return Set.of(path + ": " + e.getOriginalMessage().lines().findFirst().orElse(e.toString()));
        } catch (IOException e) {
            return Set.of(e.getMessage().lines().findFirst().orElse(e.toString()));
        }
    }

    private static JsonSchema crdSchema(String type) {
        return CRD_SCHEMAS.computeIfAbsent(type, t -> {
            try (InputStream in = Models.class.getResourceAsStream("/schemas/crd/" + crdSchemaFile(t))) {
                if (in == null) {
                    throw new IllegalStateException("no derived schema for " + t + ": run CrdSchemas");
                }
                return SCHEMAS.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
