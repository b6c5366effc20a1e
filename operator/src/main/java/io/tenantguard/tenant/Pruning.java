package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deletes the objects a tenant owns that its plan no longer holds (a RoleBinding of a role nobody
 * has any more). Only kinds that hold no data, only objects labelled as this tenant's, and only by
 * the operator's own decision in a reconciliation: never because a Tenant was deleted.
 */
final class Pruning {
  private Pruning() {}

  /**
   * While a tenant's data is being destroyed, what isolates and bounds its namespaces stays until
   * each namespace goes with everything in it: access is pruned, isolation is not.
   */
  private static final Set<Class<? extends HasMetadata>> ISOLATION = Set.of(NetworkPolicy.class, ResourceQuota.class,
      LimitRange.class);

  static void prune(TenantPlan plan, Context<Tenant> context) {
    for (Class<? extends HasMetadata> kind : PlannedDependent.PRUNED_KINDS) {
      if (plan.lifecycle().stage().holdsData() || !ISOLATION.contains(kind)) {
        prune(kind, plan, context);
      }
    }
  }

  private static <R extends HasMetadata> void prune(Class<R> kind, TenantPlan plan, Context<Tenant> context) {
    Set<ResourceID> wanted = plan.objects(kind).stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    for (R owned : context.getSecondaryResources(kind)) {
      if (!wanted.contains(ResourceID.fromResource(owned))) {
        context.getClient().resource(owned).delete();
        PlannedDependent.changes(context).add(AppliedChanges.Change.PRUNED, owned);
      }
    }
  }
}
