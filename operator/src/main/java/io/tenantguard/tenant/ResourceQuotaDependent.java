package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.ListPages;

/** The tenant's ResourceQuotas. */
@KubernetesDependent(
    informer = @Informer(
        informerListLimit = ListPages.SIZE,
        labelSelector = Labels.MANAGED_SELECTOR,
        itemStore = UsageFreeStore.class,
        onUpdateFilter = QuotaStatusUpdates.class))
public class ResourceQuotaDependent extends PlannedDependent<ResourceQuota> {
  public ResourceQuotaDependent() {
    super(ResourceQuota.class);
  }
}
