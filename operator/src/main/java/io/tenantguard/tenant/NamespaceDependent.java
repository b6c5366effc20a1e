package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.ManagedFieldsFreeStore;
import java.util.List;

/** The tenant's Namespaces. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = ManagedFieldsFreeStore.class))
public class NamespaceDependent extends PlannedDependent<Namespace> {
  public NamespaceDependent() {
    super(Namespace.class);
  }

  @Override
  protected List<Namespace> desired(TenantPlan plan) {
    return plan.namespaceObjects();
  }

  /**
   * A namespace holds data, which only the lifecycle destroys: the plan keeps every owned namespace
   * (Retained once removed from the spec), and this refuses a prune should it ever ask for one.
   */
  @Override
  public void deleteTargetResource(Tenant tenant, Namespace namespace, ResourceID key, Context<Tenant> context) {
    throw new IllegalStateException(
        "refusing to delete namespace " + key.getName() + " of tenant " + tenant.getMetadata().getName()
            + ": namespaces are destroyed only through the tenant's lifecycle");
  }
}
