package com.example.resourceserver.app.operations;

import java.util.Map;

/** Reads sample values out of a Prometheus text exposition. */
public final class Prometheus {

    private Prometheus() {}

    /** The sum of all samples of {@code metric} whose labels include every given label; 0 if none. */
    public static double value(String exposition, String metric, Map<String, String> labels) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                continue;
            }
            boolean matches = true;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                matches &= line.contains(label.getKey() + "=\"" + label.getValue() + "\"");
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
