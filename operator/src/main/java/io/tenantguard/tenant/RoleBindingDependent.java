package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.ListPages;
import io.tenantguard.kube.ManagedFieldsFreeStore;

/** The tenant's RoleBindings. */
@KubernetesDependent(informer = @Informer(
    informerListLimit = ListPages.SIZE,
    labelSelector = Labels.MANAGED_SELECTOR,
    itemStore = ManagedFieldsFreeStore.class))
public class RoleBindingDependent extends PlannedDependent<RoleBinding> {
  public RoleBindingDependent() {
    super(RoleBinding.class);
  }
}
