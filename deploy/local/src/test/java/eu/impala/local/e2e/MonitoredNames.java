package eu.impala.local.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import eu.impala.local.LocalDirs;

/**
 * The metric names the chart's Grafana dashboard and alerts query, read from the chart's files as they are in the
 * repository: the dashboard's JSON (panel queries, template variables) and the PromQL of the PrometheusRule template,
 * its Helm actions blanked.
 */
final class MonitoredNames {

    static final Path CHART = LocalDirs.repoRoot().resolve("deploy/kubernetes/impala");
    /** PromQL's words that are not series: set operators, modifiers and aggregation clauses. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "inf", "nan", "atan2");
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** A word not inside a number ({@code 1e9}, {@code 5m}) or another word. */
    private static final Pattern WORD = Pattern.compile("(?<![\\w.:])[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern HELM_ACTION = Pattern.compile("\\{\\{.*?}}");
    private static final Pattern EXPR = Pattern.compile("^(\\s*)expr:\\s*(.*)$");
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*\\w+\\)$");

    private MonitoredNames() {
    }

    /** The series names one PromQL expression reads: words that are not functions, keywords, labels or variables. */
    static Set<String> metricNames(String promql) {
        String rest = promql.replaceAll("\\$\\{?\\w+}?", " ");
        rest = STRINGS.matcher(rest).replaceAll(" ");
        rest = rest.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        rest = LABEL_LISTS.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher word = WORD.matcher(rest);
        while (word.find()) {
            String after = rest.substring(word.end()).stripLeading();
            if (!after.startsWith("(") && !KEYWORDS.contains(word.group().toLowerCase(java.util.Locale.ROOT))) {
                names.add(word.group());
            }
        }
        return names;
    }

    /** Every query of the dashboard: its panels' expressions and its template variables' series. */
    static List<String> dashboardQueries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(t -> queries.add(t.path("expr").asText()));
        }
        for (JsonNode variable : dashboard.at("/templating/list")) {
            if ("query".equals(variable.path("type").asText())) {
                Matcher labelValues = LABEL_VALUES.matcher(variable.at("/query/query").asText());
                if (!labelValues.matches()) {
                    throw new IllegalStateException("a variable query this check cannot read: " + variable);
                }
                queries.add(labelValues.group(1));
            }
        }
        return queries;
    }

    /**
     * The {@code expr} of every rule of a PrometheusRule template, inline or a block scalar, with Helm's actions
     * blanked; fails unless there is one per {@code alert}, so that a new layout cannot hide a rule from the check.
     */
    static List<String> ruleExpressions(String template) {
        List<String> exprs = new ArrayList<>();
        String[] lines = template.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher expr = EXPR.matcher(lines[i]);
            if (!expr.matches()) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            if (expr.group(2).matches("[|>][-+]?")) {
                int indent = expr.group(1).length();
                while (i + 1 < lines.length && (lines[i + 1].isBlank() || indentOf(lines[i + 1]) > indent)) {
                    text.append(lines[++i].strip()).append('\n');
                }
            } else {
                text.append(expr.group(2));
            }
            exprs.add(HELM_ACTION.matcher(text).replaceAll(" ").strip());
        }
        long alerts = template.lines().filter(l -> l.strip().startsWith("- alert:")).count();
        if (alerts != exprs.size()) {
            throw new IllegalStateException(alerts + " alerts but " + exprs.size() + " expressions read");
        }
        return exprs;
    }

    /** Everything the dashboard and the alerts in the chart query, by name. */
    static Set<String> ofChart() {
        try {
            Set<String> names = new TreeSet<>();
            JsonNode dashboard = Api.JSON.readTree(Files.readString(CHART.resolve("dashboards/impala.json")));
            dashboardQueries(dashboard).forEach(q -> names.addAll(metricNames(q)));
            ruleExpressions(Files.readString(CHART.resolve("templates/prometheusrule.yaml")))
                    .forEach(e -> names.addAll(metricNames(e)));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indentOf(String line) {
        return line.length() - line.stripLeading().length();
    }
}
