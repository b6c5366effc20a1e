package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.kube.Labels;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deletes the objects a tenant owns that its plan no longer holds (a RoleBinding of a role nobody
 * has any more). Only kinds that hold no data, only objects labelled as this tenant's, and only by
 * the operator's own decision in a reconciliation: never because a Tenant was deleted. A
 * StorageClass is kept while a claim or volume uses it.
 */
final class Pruning {
  private Pruning() {}

  /**
   * While a tenant's data is being destroyed, what isolates and bounds its namespaces stays until
   * each namespace goes with everything in it: access is pruned, isolation is not.
   */
  private static final Set<Class<? extends HasMetadata>> ISOLATION = Set.of(NetworkPolicy.class, ResourceQuota.class,
      LimitRange.class);

  /** Prunes every kind; returns the names of the StorageClasses it removed or found already gone. */
  static Set<String> prune(TenantPlan plan, Context<Tenant> context) {
    Set<String> storageClassesGone = new HashSet<>();
    for (Class<? extends HasMetadata> kind : PlannedDependent.PRUNED_KINDS) {
      if (!plan.lifecycle().stage().holdsData() && ISOLATION.contains(kind)) {
        continue;
      }
      List<? extends HasMetadata> gone = prune(kind, plan, context);
      if (kind == StorageClass.class) {
        gone.forEach(storageClass -> storageClassesGone.add(storageClass.getMetadata().getName()));
      }
    }
    return storageClassesGone;
  }

  /**
   * Prunes access only: what a reconciliation whose applies failed still removes, since less access
   * is never less safe, while the rest waits for a plan applied whole.
   */
  static void pruneAccess(TenantPlan plan, Context<Tenant> context) {
    prune(RoleBinding.class, plan, context);
  }

  /** The objects of the kind it removed, or found removed already (a cache that had not caught up). */
  private static <R extends HasMetadata> List<R> prune(Class<R> kind, TenantPlan plan, Context<Tenant> context) {
    Set<ResourceID> wanted = plan.objects(kind).stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    List<R> unwanted = context.getSecondaryResources(kind).stream()
        .filter(owned -> !wanted.contains(ResourceID.fromResource(owned)) && ownedBy(owned, tenantName(context)))
        .toList();
    if (kind == StorageClass.class && !unwanted.isEmpty()) {
      Set<String> inUse = StorageClassesInUse.among(
          unwanted.stream().map(owned -> owned.getMetadata().getName()).collect(Collectors.toSet()), context);
      unwanted = unwanted.stream().filter(owned -> !inUse.contains(owned.getMetadata().getName())).toList();
    }
    for (R owned : unwanted) {
      if (!context.getClient().resource(owned).delete().isEmpty()) {
        PlannedDependent.changes(context).add(AppliedChanges.Change.PRUNED, owned);
      }
    }
    return unwanted;
  }

  /** Labelled as this tenant's by tenantguard: whatever the caches hand over, nothing else is deleted. */
  private static boolean ownedBy(HasMetadata object, String tenant) {
    var labels = object.getMetadata().getLabels();
    return labels != null && Labels.MANAGER.equals(labels.get(Labels.MANAGED_BY)) && tenant.equals(labels.get(Labels.TENANT));
  }

  private static String tenantName(Context<Tenant> context) {
    return context.getPrimaryResource().getMetadata().getName();
  }
}
