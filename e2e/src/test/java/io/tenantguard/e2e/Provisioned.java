package io.tenantguard.e2e;

import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import java.util.Objects;

/**
 * A tenant whose current generation the operator applied in full, every namespace provisioned.
 * Not the same as Ready: a tenant with a Violated control (a contact its data requires missing,
 * say) is provisioned and not Ready.
 */
public final class Provisioned {
  private Provisioned() {}

  public static boolean in(Tenant tenant) {
    return tenant.getStatus() != null
        && Objects.equals(tenant.getStatus().observedGeneration(), tenant.getMetadata().getGeneration())
        && !Conditions.isTrue(tenant.getStatus().conditions(), StatusConditions.RECONCILING)
        && !tenant.getStatus().namespaces().isEmpty()
        && tenant.getStatus().namespaces().stream().allMatch(ns -> ns.state() == NamespaceState.Provisioned);
  }
}
