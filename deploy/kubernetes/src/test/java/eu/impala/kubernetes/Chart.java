package eu.impala.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** The chart in deploy/kubernetes/impala rendered by Helm itself, as the parsed objects it produces. */
final class Chart {

    static final Path REPO = Path.of(System.getProperty("impala.repo.root", "../..")).toAbsolutePath().normalize();
    static final Path DIR = REPO.resolve("deploy/kubernetes/impala");
    static final Path PRODUCTION_VALUES = REPO.resolve("deploy/kubernetes/values-production.yaml");
    static final String RELEASE = "impala";
    static final String NAMESPACE = "impala";
    /** Duplicate keys are an error: a manifest with one is applied differently by different tools. */
    static final ObjectMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    private Chart() {
    }

    /** With the chart's default values. */
    static Rendered defaults() {
        return render(null, Map.of());
    }

    /** With values-production.yaml. */
    static Rendered production() {
        return render(PRODUCTION_VALUES, Map.of());
    }

    /** Both value sets the CI checks, each with a name for test reports. */
    static List<Map.Entry<String, Rendered>> valueSets() {
        return List.of(Map.entry("default values", defaults()), Map.entry("production values", production()));
    }

    static Rendered render(Path valuesFile, Map<String, Object> sets) {
        String key = valuesFile + " " + sets;
        return CACHE.computeIfAbsent(key, k -> new Rendered(parse(template(valuesFile, sets))));
    }

    /** Renders, and returns Helm's error instead of objects when the chart refuses the values. */
    static String template(Path valuesFile, Map<String, Object> sets) {
        TemplateCommand command = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion("1.31.0");
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : new LinkedHashMap<>(sets).entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    static List<JsonNode> parse(String manifests) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(manifests)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    objects.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the chart rendered something that is not YAML", e);
        }
        return objects;
    }

    /** What one rendering produced. */
    record Rendered(List<JsonNode> objects) {

        List<JsonNode> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        }

        JsonNode named(String kind, String name) {
            return ofKind(kind).stream().filter(o -> name.equals(o.at("/metadata/name").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " was rendered"));
        }
    }
}
