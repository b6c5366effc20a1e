package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.ManagedFieldsFreeStore;
import java.util.List;

/** The tenant's RoleBindings. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = ManagedFieldsFreeStore.class))
public class RoleBindingDependent extends PlannedDependent<RoleBinding> {
  public RoleBindingDependent() {
    super(RoleBinding.class);
  }

  @Override
  protected List<RoleBinding> desired(TenantPlan plan) {
    return plan.roleBindings();
  }
}
