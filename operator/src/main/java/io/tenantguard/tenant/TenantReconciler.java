package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.fabric8.kubernetes.api.model.Condition;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.evidence.ControlTransitions;
import io.tenantguard.capability.TenantLifecycle;
import io.tenantguard.api.v1alpha1.tenant.LifecycleState;
import io.tenantguard.kube.ListPages;
import io.tenantguard.lifecycle.DeletionSchedule;
import io.tenantguard.lifecycle.DestructionCertificates;
import io.tenantguard.lifecycle.LifecycleActions;
import io.tenantguard.lifecycle.LifecycleMetrics;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.NamespaceStatus;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.audit.AuditEntry;
import io.tenantguard.evidence.ControlMetrics;
import io.tenantguard.api.v1alpha1.tenant.TenantStatus;
import io.tenantguard.kube.EventRecorder;
import io.tenantguard.kube.SpecChanges;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.StatusPatch;
import io.tenantguard.kube.ManagedFieldsFreeStore;
import io.tenantguard.placement.TenantReferences;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps each Tenant's namespaces isolated and pinned: observes, runs the pipeline of capabilities
 * (pure), applies the plan through the workflow of dependents, prunes what it owns and no longer
 * wants, records what it did, and writes status only when it changed. A failed apply is retried by
 * JOSDK with backoff, its status naming the dependent that failed.
 *
 * <p>Access comes last: a tenant's users are bound only once their namespaces are confined (default
 * deny, limits, quota), and not while one of those fails; a binding taken away is pruned even then.
 * The quota comes after the network policies it counts, which it then counts once instead of the
 * API server updating its usage for each.
 */
@Workflow(
    explicitInvocation = true,
    handleExceptionsInReconciler = true,
    dependents = {
      @Dependent(name = TenantReconciler.NAMESPACES, type = NamespaceDependent.class),
      @Dependent(name = TenantReconciler.NETWORK_POLICIES, type = NetworkPolicyDependent.class,
          dependsOn = TenantReconciler.NAMESPACES),
      @Dependent(name = TenantReconciler.LIMIT_RANGES, type = LimitRangeDependent.class,
          dependsOn = TenantReconciler.NAMESPACES),
      @Dependent(name = TenantReconciler.RESOURCE_QUOTAS, type = ResourceQuotaDependent.class,
          dependsOn = TenantReconciler.NETWORK_POLICIES),
      @Dependent(name = "rolebindings", type = RoleBindingDependent.class, dependsOn = {
        TenantReconciler.NETWORK_POLICIES, TenantReconciler.LIMIT_RANGES, TenantReconciler.RESOURCE_QUOTAS}),
      @Dependent(name = "storageclasses", type = StorageClassDependent.class)
    })
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
@ControllerConfiguration(name = "tenant", informer = @Informer(
    informerListLimit = ListPages.SIZE,
    itemStore = ManagedFieldsFreeStore.class))
public class TenantReconciler implements Reconciler<Tenant> {
  static final String NAMESPACES = "namespaces";
  static final String NETWORK_POLICIES = "networkpolicies";
  static final String LIMIT_RANGES = "limitranges";
  static final String RESOURCE_QUOTAS = "resourcequotas";
  private static final String BY_REGION = "byRegion";
  private static final String BY_CLASSIFICATION = "byClassification";
  private static final String BY_NAMESPACE = "byNamespace";
  static final String TENANT_BINDINGS = "tenantBindings";
  static final String APPLIED = "Applied";
  static final String DRIFT_REVERTED = "DriftReverted";
  /** Up to this many objects of a kind are named in an Event; more are counted. */
  private static final int SUMMARY_NAMES = 5;

  private final TenantPipeline pipeline;
  private final TenantStatusFactory statuses;
  private final EventRecorder events;
  private final MeterRegistry meters;
  private final Clock clock;
  private final ForeignNamespaces foreignNamespaces;
  private final DeletionSchedule schedule;
  private final LifecycleActions lifecycle;
  private final DestructionCertificates certificates;
  private InformerEventSource<Region, Tenant> regions;
  private InformerEventSource<DataClassification, Tenant> classifications;
  private InformerEventSource<RoleBinding, Tenant> tenantBindings;

  public TenantReconciler(TenantPipeline pipeline, TenantStatusFactory statuses, EventRecorder events,
      MeterRegistry meters, Clock clock, ForeignNamespaces foreignNamespaces, DeletionSchedule schedule,
      LifecycleActions lifecycle, DestructionCertificates certificates) {
    this.pipeline = pipeline;
    this.statuses = statuses;
    this.events = events;
    this.meters = meters;
    this.clock = clock;
    this.foreignNamespaces = foreignNamespaces;
    this.schedule = schedule;
    this.lifecycle = lifecycle;
    this.certificates = certificates;
  }

  @Override
  public List<EventSource<?, Tenant>> prepareEventSources(EventSourceContext<Tenant> context) {
    context.getPrimaryCache().addIndexer(BY_REGION, tenant -> TenantReferences.names(tenant, TenantNamespace::region));
    context.getPrimaryCache().addIndexer(
        BY_CLASSIFICATION, tenant -> TenantReferences.names(tenant, TenantNamespace::classification));
    ControlMetrics.register(meters, () -> context.getPrimaryCache().list());
    LifecycleMetrics.register(meters, context.getPrimaryCache(), cache -> cache.list(), clock);
    regions = referenced(context, Region.class, BY_REGION);
    classifications = referenced(context, DataClassification.class, BY_CLASSIFICATION);
    context.getPrimaryCache().addIndexer(BY_NAMESPACE, tenant -> TenantReferences.names(tenant, TenantNamespace::name));
    tenantBindings = tenantMadeBindings(context);
    return List.of(regions, classifications, tenantBindings);
  }

  /**
   * The RoleBindings tenant admins make themselves, for the access list and separation of duties:
   * one watch of every RoleBinding not labelled as tenantguard's, which costs nothing while nobody
   * changes one, however many tenants there are. They are never this controller's secondary
   * resources (no primary maps to them), so that nothing prunes or applies over them.
   */
  private static InformerEventSource<RoleBinding, Tenant> tenantMadeBindings(EventSourceContext<Tenant> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(RoleBinding.class, Tenant.class)
            .withInformerListLimit(ListPages.SIZE)
            .withName(TENANT_BINDINGS)
            .withLabelSelector(Labels.MANAGED_BY + "!=" + Labels.MANAGER)
            .withItemStore(new ManagedFieldsFreeStore<>())
            .withSecondaryToPrimaryMapper(
                binding -> context.getPrimaryCache().byIndex(BY_NAMESPACE, binding.getMetadata().getNamespace())
                    .stream()
                    .map(ResourceID::fromResource)
                    .collect(Collectors.toSet()))
            .withPrimaryToSecondaryMapper(tenant -> Set.of())
            .build(),
        context);
  }

  /** An informer on a kind tenants name, that wakes every tenant naming the changed object. */
  private static <R extends HasMetadata> InformerEventSource<R, Tenant> referenced(
      EventSourceContext<Tenant> context, Class<R> kind, String index) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(kind, Tenant.class)
            .withInformerListLimit(ListPages.SIZE)
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
    TenantInputs observed = observe(tenant, context);
    TenantLifecycle acted;
    ApplyOutcome lifecycleOutcome = ApplyOutcome.APPLIED;
    try {
      acted = lifecycle.act(tenant, observed.lifecycle(), observed.ownedNamespaces(), observed.classifications());
    } catch (RuntimeException e) {
      acted = observed.lifecycle().failed(describe(e), null);
      lifecycleOutcome = new ApplyOutcome(Map.of("lifecycle", describe(e)), Set.of());
    }
    TenantInputs inputs = observed.withLifecycle(acted);
    TenantPlan plan = pipeline.plan(inputs);
    AppliedChanges changes = new AppliedChanges();
    var workflow = context.managedWorkflowAndDependentResourceContext();
    workflow.put(PlannedDependent.PLAN, plan);
    workflow.put(PlannedDependent.CHANGES, changes);
    ApplyOutcome outcome = outcome(workflow.reconcileManagedWorkflow().getErroredDependents());
    try {
      if (outcome.failed()) {
        Pruning.pruneAccess(plan, context); // a role taken away goes even while another apply fails
      } else {
        plan = afterPruning(inputs, plan, Pruning.prune(plan, context));
      }
    } catch (RuntimeException e) {
      outcome = outcome.and(new ApplyOutcome(Map.of("pruning", describe(e)), Set.of()));
    }
    outcome = outcome.and(lifecycleOutcome);
    TenantStatus next = statuses.status(tenant, plan, outcome);
    record(tenant, plan, changes, next);
    if (outcome.failed()) {
      throw new ApplyFailedException(next, outcome.message()); // its status is written by updateErrorStatus
    }
    UpdateControl<Tenant> control = StatusPatch.ifChanged(tenant, tenant.getStatus(), next, Tenant::new, context);
    return plan.contributions().stream()
        .map(c -> c.contribution().wakeAt())
        .filter(java.util.Objects::nonNull)
        .min(java.util.Comparator.naturalOrder())
        .map(due -> control.rescheduleAfter(atLeastASecond(Duration.between(clock.instant(), due).plusSeconds(1))))
        .orElse(control);
  }

  /** A deadline just passed (or written this very reconciliation) is looked at again a second later. */
  private static Duration atLeastASecond(Duration delay) {
    return delay.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : delay;
  }

  /** The status computed for a failed apply is written, then JOSDK retries with backoff. */
  @Override
  public ErrorStatusUpdateControl<Tenant> updateErrorStatus(Tenant tenant, Context<Tenant> context, Exception e) {
    // JOSDK hands the exception over wrapped (an OperatorException around it)
    Throwable cause = e;
    while (cause != null && !(cause instanceof ApplyFailedException)) {
      cause = cause.getCause();
    }
    if (cause instanceof ApplyFailedException failed && !java.util.Objects.equals(tenant.getStatus(), failed.status())) {
      Tenant patch = new Tenant();
      patch.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
          .withName(tenant.getMetadata().getName()).build());
      patch.setStatus(failed.status());
      return ErrorStatusUpdateControl.patchStatus(patch);
    }
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  /** The plan again without the StorageClasses just pruned, when there were some: the status tells what is left. */
  private TenantPlan afterPruning(TenantInputs inputs, TenantPlan plan, Set<String> storageClassesGone) {
    List<StorageClass> left = inputs.storageClasses().stream()
        .filter(c -> !storageClassesGone.contains(c.getMetadata().getName()))
        .toList();
    return left.size() == inputs.storageClasses().size() ? plan
        : pipeline.plan(inputs.withStorageClasses(left));
  }

  private TenantInputs observe(Tenant tenant, Context<Tenant> context) {
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
      } else if (foreignNamespaces.exists(wanted.name())) {
        heldElsewhere.put(wanted.name(), "is not managed by tenantguard");
      }
    }
    List<RoleBinding> bindings = owned.stream()
        .flatMap(ns -> tenantBindings.list(ns.getMetadata().getName(), binding -> !managed(binding)))
        .toList();
    Map<String, DataClassification> classes = cached(classifications);
    Instant now = clock.instant();
    TenantLifecycle decided = schedule.decide(tenant, classes, owned,
        mayBeDestroyed(tenant) ? certificates.find(tenant) : null, now);
    return new TenantInputs(tenant, cached(regions), classes, owned, heldElsewhere, now)
        .withTenantBindings(bindings)
        .withStorageClasses(List.copyOf(context.getSecondaryResources(StorageClass.class)))
        .withLifecycle(decided);
  }

  /** Whether tenantguard made it: the informer's selector leaves those out already, and this says so twice. */
  private static boolean managed(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels != null && Labels.MANAGER.equals(labels.get(Labels.MANAGED_BY));
  }

  /** A Terminated tenant whose status does not say destroyed: its certificate, if one exists, does. */
  private static boolean mayBeDestroyed(Tenant tenant) {
    boolean recorded = tenant.getStatus() != null && tenant.getStatus().deletion() != null
        && tenant.getStatus().deletion().destroyedAt() != null;
    return tenant.getSpec().lifecycle().state() == LifecycleState.Terminated && !recorded;
  }

  private static <R extends HasMetadata> Map<String, R> cached(InformerEventSource<R, Tenant> source) {
    return source.list(r -> true).collect(Collectors.toMap(r -> r.getMetadata().getName(), Function.identity()));
  }

  private static ApplyOutcome outcome(Map<DependentResource, Exception> errors) {
    Map<String, String> byDependent = new HashMap<>();
    Set<String> kinds = new HashSet<>();
    errors.forEach((dependent, e) -> {
      byDependent.put(dependent.name(), describe(e));
      kinds.add(HasMetadata.getKind(dependent.resourceType()));
    });
    return new ApplyOutcome(byDependent, kinds);
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * An audit line per write, and one Event per reconciliation that sums them up (one per object
   * would double the API server's load while tenants are provisioned), on the Tenant and in its
   * namespaces. A write counts as a reverted drift only when the object differed from what the
   * operator last applied: it carried the fingerprint of what was to be applied, or the whole plan
   * is the one last applied in full. A condition that turns bad is told once, as a Warning Event,
   * when it turns.
   */
  private void record(Tenant tenant, TenantPlan plan, AppliedChanges changes, TenantStatus next) {
    boolean samePlan = tenant.getStatus() != null && plan.digest().equals(tenant.getStatus().appliedDigest());
    ServedControls served = new ServedControls(plan, tenant.getSpec().compliance());
    List<String> namespaces = heldNamespaces(plan);
    Map<String, List<HasMetadata>> byAction = new LinkedHashMap<>();
    for (AppliedChanges.Applied applied : changes.all()) {
      HasMetadata object = applied.object();
      boolean drift = applied.change() != AppliedChanges.Change.PRUNED && (samePlan || applied.fingerprintUnchanged());
      String action = drift ? "restored" : switch (applied.change()) {
        case CREATED -> "created";
        case UPDATED -> "updated";
        case PRUNED -> "removed";
      };
      if (drift) {
        meters.counter("tenantguard.drift.reverted", "kind", object.getKind()).increment();
      }
      events.audit(tenant, new AuditEntry(tenant.getMetadata().getName(), served.of(object),
          EventRecorder.describe(object), action, drift ? DRIFT_REVERTED : APPLIED,
          drift ? EventRecorder.WARNING : EventRecorder.NORMAL, action + " " + object.getKind() + " " + qualifiedName(object)));
      byAction.computeIfAbsent(action, a -> new ArrayList<>()).add(object);
    }
    List<HasMetadata> restored = byAction.remove("restored");
    if (restored != null) {
      events.summarize(tenant, namespaces, EventRecorder.WARNING, DRIFT_REVERTED,
          "restored " + summary(restored) + " after an outside change or deletion");
    }
    if (!byAction.isEmpty()) {
      events.summarize(tenant, namespaces, EventRecorder.NORMAL, APPLIED, byAction.entrySet().stream()
          .map(action -> action.getKey() + " " + summary(action.getValue()))
          .collect(Collectors.joining("; ")));
    }
    List<io.tenantguard.api.v1alpha1.tenant.ControlStatus> controlsBefore =
        tenant.getStatus() == null ? List.of() : tenant.getStatus().controls();
    List<io.tenantguard.evidence.Evidence> evidence =
        plan.contributions().stream().flatMap(c -> c.contribution().evidence().stream()).toList();
    ControlTransitions.turnedViolated(controlsBefore, next.controls()).forEach(control ->
        events.report(tenant, namespaces, EventRecorder.WARNING, ControlTransitions.CONTROL_VIOLATED,
            ControlTransitions.message(control, evidence), List.of(control.id())));
    List<Condition> previous = tenant.getStatus() == null ? List.of() : tenant.getStatus().conditions();
    for (Condition condition : next.conditions()) {
      Condition before = Conditions.find(previous, condition.getType());
      boolean turned = before == null || !java.util.Objects.equals(before.getStatus(), condition.getStatus())
          || !java.util.Objects.equals(before.getMessage(), condition.getMessage());
      if (turned && isBad(condition)) {
        events.report(tenant, namespaces, EventRecorder.WARNING, condition.getReason(),
            condition.getType() + ": " + condition.getMessage(),
            served.failingUnder(condition.getType(), next.controls()));
      }
    }
  }

  /** The namespaces the tenant holds, where its users read its Events; never one held by someone else. */
  private static List<String> heldNamespaces(TenantPlan plan) {
    return plan.namespaces().stream()
        .filter(ns -> ns.state() != NamespaceState.Conflict && ns.state() != NamespaceState.Refused)
        .map(NamespaceStatus::name)
        .toList();
  }

  /** Bad news worth an Event: a capability condition false, maintenance ahead, a key to rotate, an apply that failed. */
  private static boolean isBad(Condition condition) {
    return switch (condition.getType()) {
      case StatusConditions.MAINTENANCE_PLANNED, StatusConditions.RECONCILING, StatusConditions.KEY_ROTATION_DUE ->
          Conditions.TRUE.equals(condition.getStatus());
      default -> StatusConditions.failing(condition);
    };
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
