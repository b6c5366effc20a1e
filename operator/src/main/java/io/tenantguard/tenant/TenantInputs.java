package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.Namespace;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import java.util.List;
import java.util.Map;

/**
 * Everything the desired state of one tenant depends on, as observed from the caches.
 *
 * @param ownedNamespaces namespaces this tenant's operator created earlier
 * @param heldElsewhere namespaces the tenant names that exist but are not its own, with who holds them
 */
public record TenantInputs(
    Tenant tenant,
    Map<String, Region> regions,
    Map<String, DataClassification> classifications,
    List<Namespace> ownedNamespaces,
    Map<String, String> heldElsewhere) {}
