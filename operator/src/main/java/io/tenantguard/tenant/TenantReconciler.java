package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.NamespaceStatus;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.api.v1alpha1.tenant.TenantStatus;
import io.tenantguard.kube.EventRecorder;
import io.tenantguard.kube.SpecChanges;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.StatusPatch;
import io.tenantguard.kube.ManagedFieldsFreeStore;
import io.tenantguard.placement.MaintenanceNotices;
import io.tenantguard.placement.TenantReferences;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps each Tenant's namespaces isolated and pinned: observes, plans (pure), applies the plan
 * through the workflow of dependents, records what it did, and writes status only when it changed.
 */
@Workflow(
    explicitInvocation = true,
    handleExceptionsInReconciler = true,
    dependents = {
      @Dependent(name = TenantReconciler.NAMESPACES, type = NamespaceDependent.class),
      @Dependent(name = "rolebindings", type = RoleBindingDependent.class, dependsOn = TenantReconciler.NAMESPACES),
      @Dependent(name = "networkpolicies", type = NetworkPolicyDependent.class, dependsOn = TenantReconciler.NAMESPACES),
      @Dependent(name = "resourcequotas", type = ResourceQuotaDependent.class, dependsOn = TenantReconciler.NAMESPACES),
      @Dependent(name = "limitranges", type = LimitRangeDependent.class, dependsOn = TenantReconciler.NAMESPACES)
    })
@ControllerConfiguration(name = "tenant", informer = @Informer(itemStore = ManagedFieldsFreeStore.class))
public class TenantReconciler implements Reconciler<Tenant> {
  static final String NAMESPACES = "namespaces";
  private static final String BY_REGION = "byRegion";
  private static final String BY_CLASSIFICATION = "byClassification";
  private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);
  static final String APPLIED = "Applied";
  static final String DRIFT_REVERTED = "DriftReverted";
  /** Up to this many objects of a kind are named in an Event; more are counted. */
  private static final int SUMMARY_NAMES = 5;

  private final TenantPlanner planner;
  private final TenantStatusFactory statuses;
  private final EventRecorder events;
  private final MeterRegistry meters;
  private final Clock clock;
  private InformerEventSource<Region, Tenant> regions;
  private InformerEventSource<DataClassification, Tenant> classifications;

  public TenantReconciler(
      TenantPlanner planner, TenantStatusFactory statuses, EventRecorder events, MeterRegistry meters, Clock clock) {
    this.planner = planner;
    this.statuses = statuses;
    this.events = events;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, Tenant>> prepareEventSources(EventSourceContext<Tenant> context) {
    context.getPrimaryCache().addIndexer(BY_REGION, tenant -> TenantReferences.names(tenant, TenantNamespace::region));
    context.getPrimaryCache().addIndexer(
        BY_CLASSIFICATION, tenant -> TenantReferences.names(tenant, TenantNamespace::classification));
    regions = referenced(context, Region.class, BY_REGION);
    classifications = referenced(context, DataClassification.class, BY_CLASSIFICATION);
    return List.of(regions, classifications);
  }

  /** An informer on a kind tenants name, that wakes every tenant naming the changed object. */
  private static <R extends HasMetadata> InformerEventSource<R, Tenant> referenced(
      EventSourceContext<Tenant> context, Class<R> kind, String index) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(kind, Tenant.class)
            .withItemStore(new ManagedFieldsFreeStore<>())
            .withOnUpdateFilter(SpecChanges.only())
            .withSecondaryToPrimaryMapper(
                referenced -> context.getPrimaryCache().byIndex(index, referenced.getMetadata().getName()).stream()
                    .map(ResourceID::fromResource)
                    .collect(Collectors.toSet()))
            .build(),
        context);
  }

  @Override
  public UpdateControl<Tenant> reconcile(Tenant tenant, Context<Tenant> context) {
    TenantInputs inputs = observe(tenant, context);
    TenantPlan plan = planner.plan(inputs);
    AppliedChanges changes = new AppliedChanges();
    var workflow = context.managedWorkflowAndDependentResourceContext();
    workflow.put(PlannedDependent.PLAN, plan);
    workflow.put(PlannedDependent.CHANGES, changes);
    String applyError = applyError(workflow.reconcileManagedWorkflow().getErroredDependents());

    MaintenanceNotices.Upcoming maintenance =
        MaintenanceNotices.upcoming(inputs.regions(), plan.namespaces(), clock.instant());
    record(tenant, plan, changes);
    maintenance.notices().forEach(notice -> events.warningOnce(tenant, "MaintenancePlanned", notice));
    TenantStatus next = statuses.status(tenant, plan, applyError, maintenance.notices());
    UpdateControl<Tenant> control = StatusPatch.ifChanged(tenant, tenant.getStatus(), next, Tenant::new);
    if (applyError != null) {
      return control.rescheduleAfter(RETRY_AFTER_FAILURE);
    }
    // wake up when the next maintenance window enters its notice period
    return maintenance.nextDue()
        .map(due -> control.rescheduleAfter(Duration.between(clock.instant(), due).plusSeconds(1)))
        .orElse(control);
  }

  private TenantInputs observe(Tenant tenant, Context<Tenant> context) {
    String name = tenant.getMetadata().getName();
    @SuppressWarnings("unchecked")
    InformerEventSource<Namespace, Tenant> managedNamespaces =
        (InformerEventSource<Namespace, Tenant>) context.eventSourceRetriever().getEventSourceFor(Namespace.class);
    List<Namespace> owned = List.copyOf(context.getSecondaryResources(Namespace.class));
    Set<String> ownedNames = owned.stream().map(ns -> ns.getMetadata().getName()).collect(Collectors.toSet());
    Map<String, String> heldElsewhere = new HashMap<>();
    for (TenantNamespace wanted : tenant.getSpec().namespaces()) {
      if (ownedNames.contains(wanted.name())) {
        continue;
      }
      Optional<Namespace> managed = managedNamespaces.get(new ResourceID(wanted.name()));
      if (managed.isPresent()) {
        heldElsewhere.put(wanted.name(), "belongs to tenant " + managed.get().getMetadata().getLabels().get(Labels.TENANT));
      } else if (context.getClient().namespaces().withName(wanted.name()).get() != null) {
        // Not in the cache of managed namespaces, so it is someone else's: never adopt it.
        heldElsewhere.put(wanted.name(), "is not managed by tenantguard");
      }
    }
    return new TenantInputs(tenant, cached(regions), cached(classifications), owned, heldElsewhere);
  }

  private static <R extends HasMetadata> Map<String, R> cached(InformerEventSource<R, Tenant> source) {
    return source.list(r -> true).collect(Collectors.toMap(r -> r.getMetadata().getName(), Function.identity()));
  }

  private static String applyError(Map<?, Exception> errors) {
    if (errors.isEmpty()) {
      return null;
    }
    return errors.values().stream()
        .map(e -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
        .sorted()
        .collect(Collectors.joining("; "));
  }

  /**
   * An audit line per write, and one Event per reconciliation that sums them up (one per object
   * would double the API server's load while tenants are provisioned). A write to a tenant whose
   * spec has not changed since it last converged can only be a repair: someone changed or deleted a
   * managed object. Refusals are recorded once while they stand.
   */
  private void record(Tenant tenant, TenantPlan plan, AppliedChanges changes) {
    boolean converged =
        tenant.getStatus() != null
            && tenant.getMetadata().getGeneration().equals(tenant.getStatus().observedGeneration());
    Map<String, List<HasMetadata>> byAction = new LinkedHashMap<>();
    for (AppliedChanges.Applied applied : changes.all()) {
      HasMetadata object = applied.object();
      boolean drift = converged && applied.change() != AppliedChanges.Change.PRUNED;
      String action = drift ? "restored" : switch (applied.change()) {
        case CREATED -> "created";
        case UPDATED -> "updated";
        case PRUNED -> "removed";
      };
      if (drift) {
        meters.counter("tenantguard.drift.reverted", "kind", object.getKind()).increment();
      }
      events.audit(tenant, drift ? EventRecorder.WARNING : EventRecorder.NORMAL, drift ? DRIFT_REVERTED : APPLIED,
          action + " " + object.getKind() + " " + qualifiedName(object));
      byAction.computeIfAbsent(action, a -> new ArrayList<>()).add(object);
    }
    List<HasMetadata> restored = byAction.remove("restored");
    if (restored != null) {
      events.warning(tenant, DRIFT_REVERTED, "restored " + summary(restored) + " after an outside change or deletion");
    }
    if (!byAction.isEmpty()) {
      events.normal(tenant, APPLIED, byAction.entrySet().stream()
          .map(action -> action.getKey() + " " + summary(action.getValue()))
          .collect(Collectors.joining("; ")));
    }
    for (NamespaceStatus namespace : plan.namespaces()) {
      if (namespace.state() == NamespaceState.Refused || namespace.state() == NamespaceState.Violated) {
        events.warningOnce(tenant, "Placement" + namespace.state(), namespace.message());
      } else if (namespace.state() == NamespaceState.Conflict) {
        events.warningOnce(tenant, "NamespaceConflict", namespace.message());
      }
    }
  }

  /** "NetworkPolicy a/x, b/y, RoleBinding a/z", or a count per kind when a kind has many. */
  private static String summary(List<HasMetadata> objects) {
    Map<String, List<String>> byKind = new LinkedHashMap<>();
    objects.forEach(o -> byKind.computeIfAbsent(o.getKind(), k -> new ArrayList<>()).add(qualifiedName(o)));
    return byKind.entrySet().stream()
        .map(kind -> kind.getValue().size() <= SUMMARY_NAMES
            ? kind.getKey() + " " + String.join(", ", kind.getValue())
            : kind.getValue().size() + " " + kind.getKey() + "s")
        .collect(Collectors.joining(", "));
  }

  private static String qualifiedName(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return namespace == null ? object.getMetadata().getName() : namespace + "/" + object.getMetadata().getName();
  }
}
