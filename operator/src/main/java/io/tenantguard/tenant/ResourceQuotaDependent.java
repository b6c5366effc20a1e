package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.ManagedFieldsFreeStore;
import java.util.List;

/** The tenant's ResourceQuotas. */
@KubernetesDependent(
    informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = ManagedFieldsFreeStore.class, onUpdateFilter = QuotaStatusUpdates.class))
public class ResourceQuotaDependent extends PlannedDependent<ResourceQuota> {
  public ResourceQuotaDependent() {
    super(ResourceQuota.class);
  }

  @Override
  protected List<ResourceQuota> desired(TenantPlan plan) {
    return plan.resourceQuotas();
  }
}
