package io.tenantguard.capability;

import io.fabric8.kubernetes.api.model.Namespace;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
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
 * @param lifecycle the tenant's lifecycle stage and deletion schedule, decided before the capabilities run
 */
public record TenantInputs(
    Tenant tenant,
    Map<String, Region> regions,
    Map<String, DataClassification> classifications,
    List<Namespace> ownedNamespaces,
    Map<String, String> heldElsewhere,
    Instant now,
    TenantLifecycle lifecycle) {

  /** An Active tenant's inputs. */
  public TenantInputs(Tenant tenant, Map<String, Region> regions, Map<String, DataClassification> classifications,
      List<Namespace> ownedNamespaces, Map<String, String> heldElsewhere, Instant now) {
    this(tenant, regions, classifications, ownedNamespaces, heldElsewhere, now, TenantLifecycle.ACTIVE);
  }

  public String name() {
    return tenant.getMetadata().getName();
  }

  public TenantSpec spec() {
    return tenant.getSpec();
  }
}
