package io.github.reselleroffboarding.consumer.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PromQL of a Grafana dashboard's panels, ready to send to Prometheus with the variables filled in. */
record GrafanaDashboard(List<Query> queries) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    record Query(String panel, String expr) {
        /** The expression with the dashboard's variables replaced, as Grafana would send it. */
        String promql(String job, String interval) {
            return expr.replace("${job}", job).replace("$job", job).replace("$__rate_interval", interval)
                    .replace("$__interval", interval).replace("$__range", interval);
        }
    }

    static GrafanaDashboard read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Query> queries = new ArrayList<>();
        collect(root.path("panels"), queries);
        return new GrafanaDashboard(List.copyOf(queries));
    }

    private static void collect(JsonNode panels, List<Query> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    into.add(new Query(panel.path("title").asText(), target.path("expr").asText()));
                }
            }
            collect(panel.path("panels"), into);
        }
    }

    /** The metric names an expression selects: not functions, keywords, label names or values, or durations. */
    static Set<String> metricNames(String promql) {
        String text = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            String word = m.group();
            int after = m.end();
            while (after < text.length() && Character.isWhitespace(text.charAt(after))) {
                after++;
            }
            boolean function = after < text.length() && text.charAt(after) == '(';
            boolean partOfNumber = m.start() > 0 && Character.isDigit(text.charAt(m.start() - 1));
            if (!function && !partOfNumber && !KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                names.add(word);
            }
        }
        return names;
    }
}
