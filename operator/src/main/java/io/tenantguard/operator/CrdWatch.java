package io.tenantguard.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificate;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells when one of tenantguard's CRDs is deleted: without it the operator can neither enforce nor
 * report anything, and its informers would only retry against a 404 while looking healthy. Each CRD
 * is watched by name (RBAC grants reading these four only). What protects the tenants' namespaces
 * (admission policies, RBAC, NetworkPolicies, quotas) stays in the API server meanwhile.
 */
final class CrdWatch implements AutoCloseable {
  static final List<String> NAMES = List.of(Tenant.class, Region.class, DataClassification.class,
          DestructionCertificate.class).stream()
      .map(HasMetadata::getFullResourceName)
      .toList();

  private final List<SharedIndexInformer<CustomResourceDefinition>> informers;

  private CrdWatch(List<SharedIndexInformer<CustomResourceDefinition>> informers) {
    this.informers = informers;
  }

  /** @param deleted called with the name of a CRD that was deleted */
  static CrdWatch start(KubernetesClient client, Consumer<String> deleted) {
    ResourceEventHandler<CustomResourceDefinition> handler = new ResourceEventHandler<>() {
      @Override
      public void onAdd(CustomResourceDefinition crd) {}

      @Override
      public void onUpdate(CustomResourceDefinition before, CustomResourceDefinition crd) {}

      @Override
      public void onDelete(CustomResourceDefinition crd, boolean finalStateUnknown) {
        deleted.accept(crd.getMetadata().getName());
      }
    };
    return new CrdWatch(NAMES.stream()
        .map(name -> client.apiextensions().v1().customResourceDefinitions().withName(name).inform(handler))
        .toList());
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::stop);
  }
}
