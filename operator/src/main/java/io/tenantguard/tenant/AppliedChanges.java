package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * What one reconciliation of a tenant wrote to the cluster, as the dependents report it, so that
 * the reconciler can record each action as an Event.
 */
public final class AppliedChanges {
  /** A write the operator made. */
  public enum Change {
    CREATED,
    UPDATED,
    PRUNED
  }

  /** One write, on one object. */
  public record Applied(Change change, HasMetadata object) {}

  private final List<Applied> applied = new ArrayList<>();

  /** Dependents of one workflow may run on several threads. */
  synchronized void add(Change change, HasMetadata object) {
    applied.add(new Applied(change, object));
  }

  public synchronized List<Applied> all() {
    return List.copyOf(applied);
  }
}
