package io.tenantguard.kube;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Conditions after Kubernetes conventions. The transition time moves only when a condition's status
 * changes, so that an unchanged status compares equal and is not patched.
 */
public final class Conditions {
  public static final String TRUE = "True";
  public static final String FALSE = "False";

  private Conditions() {}

  /** A condition without its transition time, which {@link #merge} fills in. */
  public static Condition of(String type, boolean status, String reason, String message, Long generation) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? TRUE : FALSE)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .build();
  }

  /**
   * The next conditions: {@code next} in its order, each keeping the transition time it had in
   * {@code previous} while its status is the same, and taking {@code clock}'s time otherwise.
   */
  public static List<Condition> merge(List<Condition> previous, List<Condition> next, Clock clock) {
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    List<Condition> merged = new ArrayList<>(next.size());
    for (Condition condition : next) {
      Condition before = find(previous, condition.getType());
      boolean unchanged = before != null && Objects.equals(before.getStatus(), condition.getStatus());
      merged.add(
          new ConditionBuilder(condition)
              .withLastTransitionTime(unchanged ? before.getLastTransitionTime() : now)
              .build());
    }
    return merged;
  }

  public static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    Condition condition = find(conditions, type);
    return condition != null && TRUE.equals(condition.getStatus());
  }
}
