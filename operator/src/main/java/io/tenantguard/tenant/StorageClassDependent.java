package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.ListPages;
import io.tenantguard.kube.ManagedFieldsFreeStore;

/**
 * The tenant's StorageClasses (cluster-scoped, one per region and key): watched, so that a deleted
 * one is made again at once; pruned only once no claim or volume uses it ({@link StorageClassesInUse}).
 */
@KubernetesDependent(informer = @Informer(
    informerListLimit = ListPages.SIZE,
    labelSelector = Labels.MANAGED_SELECTOR,
    itemStore = ManagedFieldsFreeStore.class))
public class StorageClassDependent extends PlannedDependent<StorageClass> {
  public StorageClassDependent() {
    super(StorageClass.class);
  }
}
