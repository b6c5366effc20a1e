package io.tenantguard.kube;

import io.fabric8.kubernetes.client.CustomResource;

/**
 * An informer cache for readers of a custom resource's spec only (which Regions and
 * DataClassifications a tenant names): a copy of each object with its identity, labels and spec,
 * without its status, which is most of a Tenant's size.
 */
public class SpecOnlyStore<S, R extends CustomResource<S, ?>> extends ManagedFieldsFreeStore<R> {
  @Override
  protected R kept(R object) {
    R copy = MetadataOnlyStore.emptyLike(object);
    copy.setMetadata(MetadataOnlyStore.identity(object.getMetadata()));
    copy.setSpec(object.getSpec());
    return copy;
  }
}
