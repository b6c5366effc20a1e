package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Ignores the controller manager's writes of a quota's usage (status.used): they change nothing
 * tenantguard manages, and would wake the tenant once per quota, again each time usage moves. A
 * change of spec or labels (drift) still wakes it.
 */
public class QuotaStatusUpdates implements OnUpdateFilter<ResourceQuota> {
  @Override
  public boolean accept(ResourceQuota updated, ResourceQuota previous) {
    return !Objects.equals(updated.getSpec(), previous.getSpec())
        || !Objects.equals(updated.getMetadata().getLabels(), previous.getMetadata().getLabels())
        || !Objects.equals(updated.getMetadata().getOwnerReferences(), previous.getMetadata().getOwnerReferences());
  }
}
