package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tenantguard.api.v1alpha1.tenant.NamespaceStatus;
import io.tenantguard.capability.Capability;
import io.tenantguard.capability.Contribution;
import io.tenantguard.capability.TenantLifecycle;
import java.util.List;

/**
 * The desired state of one tenant: what happens to each namespace, every object that must exist
 * (each with its fingerprint), and what each capability contributed. Computed by {@link
 * TenantPipeline} without a cluster; applied by the dependents.
 *
 * @param digest a digest of every desired object: unchanged, it means the same plan as before
 * @param accessDigest the digest of the tenant's current access list, which a review must name
 * @param lifecycle the tenant's lifecycle stage and deletion schedule the plan was made for
 */
public record TenantPlan(
    List<NamespaceStatus> namespaces,
    List<HasMetadata> objects,
    List<Contributed> contributions,
    Hosting hosting,
    String digest,
    String accessDigest,
    TenantLifecycle lifecycle) {

  /** One capability's part of the plan. */
  public record Contributed(Capability capability, Contribution contribution) {}

  /** Where the tenant's data is hosted: what HDS requires the provider to tell the client. */
  public record Hosting(List<String> regions, List<String> countries, List<String> centres) {}

  /** The desired objects of one kind. */
  public <R extends HasMetadata> List<R> objects(Class<R> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }
}
