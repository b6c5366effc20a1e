package io.tenantguard.capability;

import io.fabric8.kubernetes.api.model.Namespace;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.classification.Requirements;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.Quota;

/**
 * One namespace of a tenant as the capabilities see it: what the Tenant asks for, what it refers to,
 * and what already exists.
 *
 * @param region the Region, or null when it does not exist
 * @param classification the DataClassification, or null when it does not exist
 * @param requirements the classification's requirements; when the classification is gone, those the
 *     namespace was provisioned under (recorded on it), so that its protection never loosens
 * @param quota the namespace's own quota override, or null
 * @param existing the namespace as the operator made it earlier, or null
 * @param inSpec false for a namespace removed from the Tenant's spec and kept with its data
 */
public record NamespaceView(
    String name,
    String regionName,
    String classificationName,
    Region region,
    DataClassification classification,
    Requirements requirements,
    Quota quota,
    Namespace existing,
    boolean inSpec) {

  /** Whether its data must run only on its region's nodes. */
  public boolean restrictsPlacement() {
    return !requirements.certifications().isEmpty()
        || !requirements.allowedCountries().isEmpty()
        || !requirements.allowedJurisdictions().isEmpty();
  }
}
