package io.tenantguard.tenant;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What failed while a plan was applied: the message of each dependent that failed, by its name,
 * and the kinds of objects it applies.
 */
record ApplyOutcome(Map<String, String> errorsByDependent, Set<String> failedKinds) {
  static final ApplyOutcome APPLIED = new ApplyOutcome(Map.of(), Set.of());

  ApplyOutcome {
    errorsByDependent = new TreeMap<>(errorsByDependent);
    failedKinds = Set.copyOf(failedKinds);
  }

  /** Both outcomes' failures. */
  ApplyOutcome and(ApplyOutcome other) {
    Map<String, String> errors = new TreeMap<>(errorsByDependent);
    errors.putAll(other.errorsByDependent);
    Set<String> kinds = new HashSet<>(failedKinds);
    kinds.addAll(other.failedKinds);
    return new ApplyOutcome(errors, kinds);
  }

  boolean failed() {
    return !errorsByDependent.isEmpty();
  }

  /** "networkpolicies: forbidden ...; resourcequotas: ...". */
  String message() {
    return errorsByDependent.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining("; "));
  }
}
