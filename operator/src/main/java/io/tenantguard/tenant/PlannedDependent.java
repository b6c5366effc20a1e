package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.BulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.kube.DesiredState;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One kind of object a tenant owns. Its desired objects come from the {@link TenantPlan} the
 * reconciler computed; JOSDK applies them (server-side apply, one field manager), leaves the ones
 * that hold what was applied alone, and prunes owned ones the plan no longer holds. Owned means labelled by tenantguard
 * and owned by the Tenant: its informer sees nothing else, so nothing else is ever touched.
 */
public abstract class PlannedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, Tenant>
    implements BulkDependentResource<R, Tenant, ResourceID> {
  static final String PLAN = "tenantguard.plan";
  static final String CHANGES = "tenantguard.changes";

  protected PlannedDependent(Class<R> type) {
    super(type);
  }

  /** This kind's objects in the plan. */
  protected abstract List<R> desired(TenantPlan plan);

  @Override
  public Map<ResourceID, R> desiredResources(Tenant tenant, Context<Tenant> context) {
    TenantPlan plan = context.managedWorkflowAndDependentResourceContext().getMandatory(PLAN, TenantPlan.class);
    return desired(plan).stream()
        .map(DesiredState::fingerprinted)
        .collect(Collectors.toMap(ResourceID::fromResource, Function.identity()));
  }

  /** Judged by {@link DesiredState}: the informer caches keep no managed fields to judge by. */
  @Override
  public Result<R> match(R actual, R desired, Tenant tenant, Context<Tenant> context) {
    addMetadata(true, actual, desired, tenant, context);
    return Result.computed(DesiredState.holds(actual, desired), desired);
  }

  @Override
  public Map<ResourceID, R> getSecondaryResources(Tenant tenant, Context<Tenant> context) {
    return context
        .getSecondaryResourcesAsStream(resourceType())
        .collect(Collectors.toMap(ResourceID::fromResource, Function.identity()));
  }

  @Override
  protected void onCreated(Tenant tenant, R created, Context<Tenant> context) {
    super.onCreated(tenant, created, context);
    changes(context).add(AppliedChanges.Change.CREATED, created);
  }

  @Override
  protected void onUpdated(Tenant tenant, R updated, R actual, Context<Tenant> context) {
    super.onUpdated(tenant, updated, actual, context);
    changes(context).add(AppliedChanges.Change.UPDATED, updated);
  }

  @Override
  public void deleteTargetResource(Tenant tenant, R resource, ResourceID key, Context<Tenant> context) {
    super.deleteTargetResource(tenant, resource, key, context);
    changes(context).add(AppliedChanges.Change.PRUNED, resource);
  }

  private static AppliedChanges changes(Context<Tenant> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(CHANGES, AppliedChanges.class);
  }
}
