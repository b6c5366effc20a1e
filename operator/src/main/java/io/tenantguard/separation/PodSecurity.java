package io.tenantguard.separation;

import java.util.LinkedHashMap;
import java.util.Map;

/** The namespace labels that make Pod Security Admission hold every pod to the restricted profile. */
public final class PodSecurity {
  static final String PREFIX = "pod-security.kubernetes.io/";

  private PodSecurity() {}

  public static Map<String, String> restricted() {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String mode : new String[] {"enforce", "audit", "warn"}) {
      labels.put(PREFIX + mode, "restricted");
      labels.put(PREFIX + mode + "-version", "latest");
    }
    return labels;
  }
}
