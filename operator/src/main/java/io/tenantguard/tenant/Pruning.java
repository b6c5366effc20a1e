package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.kube.Labels;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deletes the objects a tenant owns that its plan no longer holds (a RoleBinding of a role nobody
 * has any more). Only kinds that hold no data, only objects labelled as this tenant's, and only by
 * the operator's own decision in a reconciliation: never because a Tenant was deleted.
 */
final class Pruning {
  private Pruning() {}

  static void prune(TenantPlan plan, Context<Tenant> context) {
    for (Class<? extends HasMetadata> kind : PlannedDependent.PRUNED_KINDS) {
      prune(kind, plan, context);
    }
  }

  private static <R extends HasMetadata> void prune(Class<R> kind, TenantPlan plan, Context<Tenant> context) {
    Set<ResourceID> wanted = plan.objects(kind).stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    for (R owned : context.getSecondaryResources(kind)) {
      if (!wanted.contains(ResourceID.fromResource(owned)) && ownedBy(owned, tenantName(context))) {
        context.getClient().resource(owned).delete();
        PlannedDependent.changes(context).add(AppliedChanges.Change.PRUNED, owned);
      }
    }
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
