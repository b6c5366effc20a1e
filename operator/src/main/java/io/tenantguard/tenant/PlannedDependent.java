package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.kube.DesiredState;
import io.tenantguard.kube.Labels;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One kind of object a tenant owns. Its desired objects come from the {@link TenantPlan} the
 * reconciler computed; JOSDK applies them (server-side apply, one field manager) and leaves the ones
 * that hold what was applied alone. Owned means labelled by tenantguard for this tenant: no owner
 * reference, so that no deletion of a Tenant or its CRD lets the garbage collector remove data or
 * what protects it. Not a JOSDK Deleter either, so that deleting a Tenant never cleans anything up:
 * the reconciler prunes what the plan no longer holds ({@link Pruning}).
 */
public abstract class PlannedDependent<R extends HasMetadata> extends KubernetesDependentResource<R, Tenant>
    implements Creator<R, Tenant>, Updater<R, Tenant>, BulkDependentResource<R, Tenant, ResourceID>,
        SecondaryToPrimaryMapper<R> {
  static final String PLAN = "tenantguard.plan";
  static final String CHANGES = "tenantguard.changes";

  protected PlannedDependent(Class<R> type) {
    super(type);
  }

  @Override
  public Map<ResourceID, R> desiredResources(Tenant tenant, Context<Tenant> context) {
    TenantPlan plan = context.managedWorkflowAndDependentResourceContext().getMandatory(PLAN, TenantPlan.class);
    return plan.objects(resourceType()).stream()
        .collect(Collectors.toMap(ResourceID::fromResource, Function.identity()));
  }

  /** The tenant an object belongs to, from its label. */
  @Override
  public Set<ResourceID> toPrimaryResourceIDs(R resource) {
    Map<String, String> labels = resource.getMetadata().getLabels();
    String tenant = labels == null ? null : labels.get(Labels.TENANT);
    return tenant == null ? Set.of() : Set.of(new ResourceID(tenant));
  }

  /**
   * Judged by {@link DesiredState}: the informer caches keep no managed fields to judge by. An
   * object that carries an owner reference from an earlier version does not hold what is wanted.
   */
  @Override
  public Result<R> match(R actual, R desired, Tenant tenant, Context<Tenant> context) {
    addMetadata(true, actual, desired, tenant, context);
    boolean holds = DesiredState.holds(actual, desired)
        && (actual.getMetadata().getOwnerReferences() == null || actual.getMetadata().getOwnerReferences().isEmpty());
    if (!holds) {
      changes(context).judged(ResourceID.fromResource(actual),
          Objects.equals(DesiredState.fingerprintOf(actual), DesiredState.fingerprintOf(desired)));
    }
    return Result.computed(holds, desired);
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

  static AppliedChanges changes(Context<Tenant> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(CHANGES, AppliedChanges.class);
  }

  /** The kinds whose objects the reconciler prunes when the plan no longer holds them: all but namespaces. */
  static final List<Class<? extends HasMetadata>> PRUNED_KINDS = List.of(
      io.fabric8.kubernetes.api.model.rbac.RoleBinding.class,
      io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class,
      io.fabric8.kubernetes.api.model.ResourceQuota.class,
      io.fabric8.kubernetes.api.model.LimitRange.class,
      io.fabric8.kubernetes.api.model.storage.StorageClass.class);
}
