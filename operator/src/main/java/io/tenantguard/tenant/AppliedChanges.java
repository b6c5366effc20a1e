package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one reconciliation of a tenant wrote to the cluster, as the dependents report it, so that
 * the reconciler can record each action for what it is.
 */
public final class AppliedChanges {
  /** A write the operator made. */
  public enum Change {
    CREATED,
    UPDATED,
    PRUNED
  }

  /**
   * One write, on one object.
   *
   * @param fingerprintUnchanged whether the object, before the write, carried the fingerprint of
   *     what was to be applied: what it held differed from what the operator last applied
   */
  public record Applied(Change change, HasMetadata object, boolean fingerprintUnchanged) {}

  private final List<Applied> applied = new ArrayList<>();
  private final Set<ResourceID> outsideChanges = new HashSet<>();

  /** Dependents of one workflow may run on several threads. */
  synchronized void judged(ResourceID object, boolean fingerprintUnchanged) {
    if (fingerprintUnchanged) {
      outsideChanges.add(object);
    }
  }

  synchronized void add(Change change, HasMetadata object) {
    applied.add(new Applied(change, object,
        change == Change.UPDATED && outsideChanges.contains(ResourceID.fromResource(object))));
  }

  public synchronized List<Applied> all() {
    return List.copyOf(applied);
  }
}
