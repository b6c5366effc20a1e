package io.tenantguard.placement;

import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import java.util.List;
import java.util.function.Function;

/** The names of the Regions or DataClassifications a tenant's namespaces refer to. */
public final class TenantReferences {
  private TenantReferences() {}

  public static List<String> names(Tenant tenant, Function<TenantNamespace, String> reference) {
    return tenant.getSpec() == null
        ? List.of()
        : tenant.getSpec().namespaces().stream().map(reference).distinct().toList();
  }
}
