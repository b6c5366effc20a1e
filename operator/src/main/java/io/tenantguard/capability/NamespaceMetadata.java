package io.tenantguard.capability;

import java.util.LinkedHashMap;
import java.util.Map;

/** Labels and annotations a capability puts on a tenant namespace. */
public record NamespaceMetadata(Map<String, String> labels, Map<String, String> annotations) {
  public NamespaceMetadata {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  public static NamespaceMetadata labels(Map<String, String> labels) {
    return new NamespaceMetadata(labels, Map.of());
  }

  public NamespaceMetadata plus(NamespaceMetadata other) {
    Map<String, String> allLabels = new LinkedHashMap<>(labels);
    allLabels.putAll(other.labels);
    Map<String, String> allAnnotations = new LinkedHashMap<>(annotations);
    allAnnotations.putAll(other.annotations);
    return new NamespaceMetadata(allLabels, allAnnotations);
  }
}
