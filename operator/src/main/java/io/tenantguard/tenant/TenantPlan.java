package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.tenantguard.api.v1alpha1.tenant.NamespaceStatus;
import java.util.List;

/**
 * The desired state of one tenant: what happens to each namespace, and every object that must
 * exist. Computed by {@link TenantPlanner} without a cluster; applied by the dependents.
 */
public record TenantPlan(
    List<NamespaceStatus> namespaces,
    List<Namespace> namespaceObjects,
    List<RoleBinding> roleBindings,
    List<NetworkPolicy> networkPolicies,
    List<ResourceQuota> resourceQuotas,
    List<LimitRange> limitRanges,
    List<String> refusedFlows,
    Hosting hosting) {

  /** Where the tenant's data is hosted: what HDS requires the provider to tell the client. */
  public record Hosting(List<String> regions, List<String> countries, List<String> centres) {}
}
