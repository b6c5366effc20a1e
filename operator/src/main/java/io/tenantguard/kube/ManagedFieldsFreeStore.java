package io.tenantguard.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer cache that keeps objects without their managed fields. tenantguard reads no field
 * ownership ({@link DesiredState} judges its objects without it), and the managed fields of the
 * objects it watches weighed as much as the objects themselves; their empty lists and maps are
 * shared ({@link SharedEmpties}). A subclass keeps less still.
 */
public class ManagedFieldsFreeStore<R extends HasMetadata> extends BasicItemStore<R> {
  public ManagedFieldsFreeStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public R put(String key, R object) {
    object.getMetadata().setManagedFields(null);
    return super.put(key, SharedEmpties.share(kept(object)));
  }

  /** What the cache keeps of an object: all of it here. */
  protected R kept(R object) {
    return object;
  }
}
