package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tenantguard.kube.InformerSync;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.ListPages;
import io.tenantguard.kube.MetadataOnlyStore;

/**
 * The namespaces tenantguard did not create, from an informer whose label selector leaves out every
 * namespace it manages (a cluster holds few such namespaces): a tenant naming one of them gets a
 * Conflict without asking the API server, which cost three GETs per new tenant. A namespace created
 * after this cache last heard is still never adopted: the API server refuses everyone, the operator
 * included, labelling an existing namespace as tenantguard's ({@code DataDeletionProtection}).
 */
public final class ForeignNamespaces implements AutoCloseable {
  private final SharedIndexInformer<Namespace> informer;

  private ForeignNamespaces(SharedIndexInformer<Namespace> informer) {
    this.informer = informer;
  }

  /** Lists and watches them; returns once the cache holds every one of them. */
  public static ForeignNamespaces start(KubernetesClient client) {
    SharedIndexInformer<Namespace> informer = client.namespaces()
        .withoutLabel(Labels.MANAGED_BY, Labels.MANAGER)
        .withLimit(ListPages.SIZE)
        .runnableInformer(0)
        .itemStore(new MetadataOnlyStore<>());
    InformerSync.start(informer, "the cluster's namespaces");
    return new ForeignNamespaces(informer);
  }

  public boolean exists(String name) {
    return informer.getStore().getByKey(name) != null;
  }

  @Override
  public void close() {
    informer.stop();
  }
}
