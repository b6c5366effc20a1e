package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which of a tenant's StorageClasses still serve data: named by a claim in one of its namespaces or
 * by a persistent volume (a claim's volume, or one released and not yet deleted by its driver).
 * Deleting such a class would leave its claims unprovisioned and its volumes without the class
 * their driver reads. Listed only when a class is about to be pruned, so that a converged tenant
 * costs no list: claims are not watched.
 */
final class StorageClassesInUse {
  /** The class that older clients name in an annotation, which storage still honours first. */
  private static final String BETA_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

  private StorageClassesInUse() {}

  /** Those of {@code candidates} that a claim of the tenant's namespaces or a volume names. */
  static Set<String> among(Set<String> candidates, Context<Tenant> context) {
    KubernetesClient client = context.getClient();
    Set<String> used = new HashSet<>();
    for (Namespace namespace : context.getSecondaryResources(Namespace.class)) {
      for (PersistentVolumeClaim claim :
          client.persistentVolumeClaims().inNamespace(namespace.getMetadata().getName()).list().getItems()) {
        used.addAll(named(claim, claim.getSpec().getStorageClassName()));
      }
    }
    used.retainAll(candidates);
    if (!used.containsAll(candidates)) {
      for (PersistentVolume volume : client.persistentVolumes().list().getItems()) {
        used.addAll(named(volume, volume.getSpec().getStorageClassName()));
      }
      used.retainAll(candidates);
    }
    return used;
  }

  /** The classes a claim or volume names: in its spec, and in the annotation. */
  private static Set<String> named(HasMetadata object, String storageClassName) {
    Set<String> named = new HashSet<>();
    if (storageClassName != null) {
      named.add(storageClassName);
    }
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    if (annotations != null && annotations.get(BETA_ANNOTATION) != null) {
      named.add(annotations.get(BETA_ANNOTATION));
    }
    return named;
  }
}
