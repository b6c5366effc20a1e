package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.tenantguard.kube.ManagedFieldsFreeStore;

/**
 * The quota cache without each quota's status (its hard limits again and its usage, a quantity per
 * counted kind): tenantguard judges a quota by its spec, and counts usage, when a destruction needs
 * it, from the API server itself.
 */
public class UsageFreeStore extends ManagedFieldsFreeStore<ResourceQuota> {
  @Override
  protected ResourceQuota kept(ResourceQuota quota) {
    quota.setStatus(null);
    return quota;
  }
}
