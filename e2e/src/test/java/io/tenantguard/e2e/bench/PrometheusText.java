package io.tenantguard.e2e.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/** Sums of samples in the Prometheus text format, the API server's and the operator's. */
public final class PrometheusText {
  private PrometheusText() {}

  /** The sum of the samples of {@code metric} whose labels pass {@code labels}. */
  public static double sum(String text, String metric, Predicate<String> labels) {
    return sumBy(text, metric, l -> labels.test(l) ? "" : null).getOrDefault("", 0.0);
  }

  /** The samples of {@code metric} summed by the key {@code key} gives their labels (null: left out). */
  public static Map<String, Double> sumBy(String text, String metric, Function<String, String> key) {
    Map<String, Double> sums = new TreeMap<>();
    for (String line : text.lines().toList()) {
      if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
        int space = line.lastIndexOf(' ');
        String group = key.apply(line.substring(metric.length(), space));
        if (group != null) {
          sums.merge(group, Double.parseDouble(line.substring(space + 1)), Double::sum);
        }
      }
    }
    return sums;
  }

  /** The value of label {@code name} in a sample's labels, or "" when it has none. */
  public static String label(String labels, String name) {
    int start = labels.indexOf(name + "=\"");
    if (start < 0) {
      return "";
    }
    int from = start + name.length() + 2;
    return labels.substring(from, labels.indexOf('"', from));
  }
}
