package com.example.resourceserver.app.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PromQL expression asks of the metrics, read as far as the dashboard and the alert rules use the
 * language: the series selectors (metric name, label matchers) and the labels it groups or joins by.
 */
final class PromQl {

    /** {@code metric{label="value", label=~"regex", ...}}; {@code exact} holds the = matchers. */
    record Selector(String metric, Set<String> labels, Map<String, String> exact) {}

    record Parsed(List<Selector> selectors, Set<String> groupingLabels) {}

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[A-Za-z_:][A-Za-z0-9_:]*|\\[[^]]*]|[0-9.]+(?:e[0-9]+)?|=~|!~|!=|==|>=|<=|[{}(),=<>+*/^-])");

    private static final Set<String> AGGREGATIONS = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "count",
            "stddev",
            "stdvar",
            "topk",
            "bottomk",
            "quantile",
            "count_values",
            "group");
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");

    private PromQl() {}

    static Parsed parse(String expression) {
        List<String> tokens = new ArrayList<>();
        Matcher token = TOKEN.matcher(expression);
        int at = 0;
        while (at < expression.length() && token.find(at) && token.start() == at) {
            tokens.add(token.group(1));
            at = token.end();
        }
        if (!expression.substring(at).isBlank()) {
            throw new IllegalArgumentException("cannot read PromQL at: " + expression.substring(at));
        }
        List<Selector> selectors = new ArrayList<>();
        Set<String> grouping = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
            if (!Character.isLetter(t.charAt(0)) && t.charAt(0) != '_') {
                continue; // a string, number, range, operator or bracket
            }
            if (GROUPING.contains(t)) {
                if (next.equals("(")) {
                    for (i += 2; !tokens.get(i).equals(")"); i++) {
                        if (!tokens.get(i).equals(",")) {
                            grouping.add(tokens.get(i));
                        }
                    }
                }
            } else if (AGGREGATIONS.contains(t) || KEYWORDS.contains(t) || next.equals("(")) {
                continue; // an aggregation, a keyword or a function
            } else {
                Set<String> labels = new LinkedHashSet<>();
                Map<String, String> exact = new LinkedHashMap<>();
                if (next.equals("{")) {
                    for (i += 2; !tokens.get(i).equals("}"); i++) {
                        if (tokens.get(i).equals(",")) {
                            continue;
                        }
                        String label = tokens.get(i);
                        String operator = tokens.get(i + 1);
                        String value = tokens.get(i + 2);
                        labels.add(label);
                        if (operator.equals("=")) {
                            exact.put(label, value.substring(1, value.length() - 1));
                        }
                        i += 2;
                    }
                }
                selectors.add(new Selector(t, labels, exact));
            }
        }
        return new Parsed(selectors, grouping);
    }
}
