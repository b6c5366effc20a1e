package io.tenantguard.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.lang.reflect.InvocationTargetException;

/**
 * An informer cache for readers that need only who an object is and its labels (is there a Tenant
 * of that name, which tenant holds this namespace): a copy of each object with its identity and
 * labels, without its spec, status or annotations. A cache of every Tenant with its status is the
 * operator's largest; controllers that only look tenants up by name keep this one.
 */
public class MetadataOnlyStore<R extends HasMetadata> extends ManagedFieldsFreeStore<R> {
  @Override
  protected R kept(R object) {
    R copy = emptyLike(object);
    copy.setMetadata(identity(object.getMetadata()));
    return copy;
  }

  static ObjectMeta identity(ObjectMeta metadata) {
    return new ObjectMetaBuilder()
        .withName(metadata.getName())
        .withNamespace(metadata.getNamespace())
        .withUid(metadata.getUid())
        .withResourceVersion(metadata.getResourceVersion())
        .withGeneration(metadata.getGeneration())
        .withDeletionTimestamp(metadata.getDeletionTimestamp())
        .withLabels(metadata.getLabels())
        .build();
  }

  /** Every Kubernetes model class has a public no-argument constructor. */
  @SuppressWarnings("unchecked")
  static <R extends HasMetadata> R emptyLike(R object) {
    try {
      return (R) object.getClass().getDeclaredConstructor().newInstance();
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException | NoSuchMethodException e) {
      throw new IllegalStateException("cannot copy a " + object.getKind(), e);
    }
  }
}
