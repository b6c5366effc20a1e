package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.ListPages;
import io.tenantguard.kube.ManagedFieldsFreeStore;

/** The tenant's NetworkPolicys. */
@KubernetesDependent(informer = @Informer(
    informerListLimit = ListPages.SIZE,
    labelSelector = Labels.MANAGED_SELECTOR,
    itemStore = ManagedFieldsFreeStore.class))
public class NetworkPolicyDependent extends PlannedDependent<NetworkPolicy> {
  public NetworkPolicyDependent() {
    super(NetworkPolicy.class);
  }
}
