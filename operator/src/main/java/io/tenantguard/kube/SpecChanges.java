package io.tenantguard.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * For informers on objects another controller reads: only a change of spec (a new generation)
 * matters. Without it, each status patch of a Region would wake every tenant placed there, and each
 * tenant's would wake its Regions: a storm of reconciliations while tenants are provisioned.
 */
public final class SpecChanges {
  private SpecChanges() {}

  public static <R extends HasMetadata> OnUpdateFilter<R> only() {
    return (updated, previous) ->
        !Objects.equals(updated.getMetadata().getGeneration(), previous.getMetadata().getGeneration());
  }
}
