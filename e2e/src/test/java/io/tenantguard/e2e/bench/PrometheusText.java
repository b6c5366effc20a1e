package io.tenantguard.e2e.bench;

import java.util.function.Predicate;

/** Sums of samples in the Prometheus text format, the API server's and the operator's. */
final class PrometheusText {
  private PrometheusText() {}

  /** The sum of the samples of {@code metric} whose labels pass {@code labels}. */
  static double sum(String text, String metric, Predicate<String> labels) {
    double total = 0;
    for (String line : text.lines().toList()) {
      if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
        int space = line.lastIndexOf(' ');
        String labelPart = line.substring(metric.length(), space);
        if (labels.test(labelPart)) {
          total += Double.parseDouble(line.substring(space + 1));
        }
      }
    }
    return total;
  }
}
