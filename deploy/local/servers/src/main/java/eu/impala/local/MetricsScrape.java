package eu.impala.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One reading of a service's {@code /q/metrics} (Prometheus text): each series' value by name and labels, for tests
 * that read it before and after an action and assert what moved.
 */
public final class MetricsScrape {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One series: its name, its labels and its value. */
    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private MetricsScrape(List<Sample> samples) {
        this.samples = samples;
    }

    /** Reads {@code url} (a service's {@code .../q/metrics}) now. */
    public static MetricsScrape of(String url) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(url + " not read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static MetricsScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return new MetricsScrape(samples);
    }

    /**
     * The value of the series {@code name} with exactly these labels ({@code "a", "1", "b", "2"}); 0 when absent, as
     * a counter is before its first increment.
     */
    public double value(String name, String... labels) {
        Map<String, String> wanted = labels(labels);
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted))
                .mapToDouble(Sample::value).findFirst().orElse(0);
    }

    /** Whether some series of {@code name} has at least these labels. */
    public boolean has(String name, String... labels) {
        return matching(name, labels).findAny().isPresent();
    }

    /** The sum over every series of {@code name} whose labels include these. */
    public double sum(String name, String... labels) {
        return matching(name, labels).mapToDouble(Sample::value).sum();
    }

    /** The name of every series, as Prometheus stores it ({@code _total}, {@code _bucket}, {@code _count} ...). */
    public Set<String> names() {
        return samples.stream().map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The series whose name starts with {@code prefix}, for failure messages. */
    public String describe(String prefix) {
        StringBuilder out = new StringBuilder();
        samples.stream().filter(s -> s.name().startsWith(prefix))
                .forEach(s -> out.append('\n').append(s.name()).append(s.labels()).append(' ').append(s.value()));
        return out.toString();
    }

    private Stream<Sample> matching(String name, String... labels) {
        Map<String, String> wanted = labels(labels);
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(wanted.entrySet()));
    }

    /** Waits up to {@code timeout} for {@code condition}, reading again every 200 ms; false if it never held. */
    public static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> labels(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }
}
