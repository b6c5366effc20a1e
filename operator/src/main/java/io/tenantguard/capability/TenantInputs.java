package io.tenantguard.capability;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.api.v1alpha1.tenant.TenantSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the desired state of one tenant depends on, as observed from the caches.
 *
 * @param ownedNamespaces namespaces this tenant's operator created earlier
 * @param heldElsewhere namespaces the tenant names that exist but are not its own, with who holds them
 * @param now the time of the observation, from the operator's clock
 * @param tenantBindings the RoleBindings the tenant's own admins made in its namespaces (not
 *     tenantguard's): part of its access list, and checked for separation of duties
 * @param storageClasses StorageClasses this tenant's operator created earlier
 * @param lifecycle the tenant's lifecycle stage and deletion schedule, decided before the capabilities run
 */
public record TenantInputs(
    Tenant tenant,
    Map<String, Region> regions,
    Map<String, DataClassification> classifications,
    List<Namespace> ownedNamespaces,
    Map<String, String> heldElsewhere,
    Instant now,
    List<RoleBinding> tenantBindings,
    List<StorageClass> storageClasses,
    TenantLifecycle lifecycle) {

  public TenantInputs {
    tenantBindings = List.copyOf(tenantBindings);
    storageClasses = List.copyOf(storageClasses);
  }

  /** An Active tenant's inputs, before any tenant-made RoleBinding or StorageClass of the tenant is seen. */
  public TenantInputs(Tenant tenant, Map<String, Region> regions, Map<String, DataClassification> classifications,
      List<Namespace> ownedNamespaces, Map<String, String> heldElsewhere, Instant now) {
    this(tenant, regions, classifications, ownedNamespaces, heldElsewhere, now, List.of(), List.of(),
        TenantLifecycle.ACTIVE);
  }

  public TenantInputs withTenantBindings(List<RoleBinding> bindings) {
    return new TenantInputs(tenant, regions, classifications, ownedNamespaces, heldElsewhere, now, bindings,
        storageClasses, lifecycle);
  }

  public TenantInputs withStorageClasses(List<StorageClass> classes) {
    return new TenantInputs(tenant, regions, classifications, ownedNamespaces, heldElsewhere, now, tenantBindings,
        classes, lifecycle);
  }

  public TenantInputs withLifecycle(TenantLifecycle stage) {
    return new TenantInputs(tenant, regions, classifications, ownedNamespaces, heldElsewhere, now, tenantBindings,
        storageClasses, stage);
  }

  public String name() {
    return tenant.getMetadata().getName();
  }

  public TenantSpec spec() {
    return tenant.getSpec();
  }

  /** Where the Tenant asks for namespace {@code name}, as messages name fields: spec.namespaces[1]. */
  public String namespaceField(String name) {
    List<TenantNamespace> namespaces = spec().namespaces();
    for (int i = 0; i < namespaces.size(); i++) {
      if (namespaces.get(i).name().equals(name)) {
        return "spec.namespaces[" + i + "]";
      }
    }
    return "spec.namespaces";
  }
}
