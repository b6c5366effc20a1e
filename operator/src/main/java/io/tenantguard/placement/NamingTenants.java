package io.tenantguard.placement;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.kube.TenantSpecs;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * For a controller of a kind tenants name in their namespaces (Regions, DataClassifications): which
 * tenants name each object, and an event source that reconciles an object when that changes.
 */
final class NamingTenants<P extends HasMetadata> {
  private final TenantSpecs tenants;
  private final String index;
  private final Function<TenantNamespace, String> reference;

  NamingTenants(TenantSpecs tenants, String index, Function<TenantNamespace, String> reference) {
    this.tenants = tenants;
    this.index = index;
    this.reference = reference;
    tenants.addIndex(index, tenant -> TenantReferences.names(tenant, reference));
  }

  EventSource<Tenant, P> eventSource() {
    return tenants.triggering(tenant -> TenantReferences.names(tenant, reference).stream()
        .map(ResourceID::new).collect(Collectors.toSet()));
  }

  /** The names of the tenants naming the object, sorted. */
  List<String> of(P named) {
    return tenants.byIndex(index, named.getMetadata().getName()).stream()
        .map(tenant -> tenant.getMetadata().getName()).sorted().toList();
  }
}
