package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.Condition;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.NamespaceStatus;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.api.v1alpha1.tenant.TenantStatus;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A tenant's status from its plan and the outcome of applying it: a pure function. */
public final class TenantStatusFactory {
  public static final String ENFORCED = "Enforced";
  public static final String APPLY_FAILED = "ApplyFailed";
  public static final String NAMESPACE_CONFLICT = "NamespaceConflict";
  public static final String PLACEMENT_REFUSED = "PlacementRefused";
  public static final String PLACEMENT_VIOLATED = "PlacementViolated";
  public static final String PINNED = "Pinned";

  private final Clock clock;

  public TenantStatusFactory(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param applyError what failed while applying the plan, or null
   * @param maintenanceNotices planned maintenance the tenant must be told about now
   */
  public TenantStatus status(Tenant tenant, TenantPlan plan, String applyError, List<String> maintenanceNotices) {
    long generation = tenant.getMetadata().getGeneration();
    List<NamespaceStatus> namespaces = plan.namespaces();
    Condition isolated = isolated(plan, applyError, generation);
    Condition pinned = pinned(namespaces, generation);
    boolean ready = Conditions.TRUE.equals(isolated.getStatus()) && Conditions.TRUE.equals(pinned.getStatus());
    Condition notReady = ready ? null : (Conditions.TRUE.equals(isolated.getStatus()) ? pinned : isolated);
    boolean stalled = !ready && applyError == null;
    List<Condition> next =
        List.of(
            ready
                ? Conditions.of(StatusConditions.READY, true, ENFORCED,
                    "every namespace is isolated and pinned to an allowed region", generation)
                : Conditions.of(StatusConditions.READY, false, notReady.getReason(), notReady.getMessage(), generation),
            isolated,
            pinned,
            Conditions.of(StatusConditions.RECONCILING, applyError != null,
                applyError != null ? APPLY_FAILED : ENFORCED,
                applyError != null ? "retrying: " + applyError : "converged", generation),
            Conditions.of(StatusConditions.STALLED, stalled,
                stalled ? notReady.getReason() : ENFORCED,
                stalled ? "needs a change of the Tenant, Region or DataClassification: " + notReady.getMessage()
                    : "nothing blocks convergence",
                generation),
            Conditions.of(StatusConditions.MAINTENANCE_PLANNED, !maintenanceNotices.isEmpty(),
                maintenanceNotices.isEmpty() ? "NoneWithinNotice" : "WithinNotice",
                maintenanceNotices.isEmpty()
                    ? "no maintenance window of the tenant's regions starts within 14 days"
                    : String.join("; ", maintenanceNotices),
                generation));
    List<Condition> previous = tenant.getStatus() == null ? List.of() : tenant.getStatus().conditions();
    return new TenantStatus(
        phase(namespaces, applyError),
        generation,
        Conditions.merge(previous, next, clock),
        namespaces,
        plan.hosting().regions(),
        plan.hosting().countries(),
        plan.hosting().centres());
  }

  private static Condition isolated(TenantPlan plan, String applyError, long generation) {
    if (applyError != null) {
      return Conditions.of(StatusConditions.ISOLATED, false, APPLY_FAILED, applyError, generation);
    }
    String conflicts = messages(plan.namespaces(), ns -> ns.state() == NamespaceState.Conflict);
    if (!conflicts.isEmpty()) {
      return Conditions.of(StatusConditions.ISOLATED, false, NAMESPACE_CONFLICT, conflicts, generation);
    }
    long isolated = plan.namespaceObjects().size();
    String message =
        isolated + " namespace(s) isolated: Pod Security restricted, default-deny NetworkPolicies with"
            + " intra-tenant and DNS traffic, ResourceQuota and LimitRange, access for the tenant's subjects only";
    if (!plan.refusedFlows().isEmpty()) {
      message += "; declared flows refused: " + String.join(", ", plan.refusedFlows());
    }
    return Conditions.of(StatusConditions.ISOLATED, true, ENFORCED, message, generation);
  }

  private static Condition pinned(List<NamespaceStatus> namespaces, long generation) {
    String refused = messages(namespaces, ns -> ns.state() == NamespaceState.Refused);
    if (!refused.isEmpty()) {
      return Conditions.of(StatusConditions.REGION_PINNED, false, PLACEMENT_REFUSED, refused, generation);
    }
    String violated = messages(namespaces, ns -> ns.state() == NamespaceState.Violated);
    if (!violated.isEmpty()) {
      return Conditions.of(StatusConditions.REGION_PINNED, false, PLACEMENT_VIOLATED, violated, generation);
    }
    return Conditions.of(StatusConditions.REGION_PINNED, true, PINNED,
        "every namespace sits in a region that satisfies its classification and the tenant's contract", generation);
  }

  private static TenantPhase phase(List<NamespaceStatus> namespaces, String applyError) {
    if (namespaces.stream().anyMatch(ns -> ns.state() == NamespaceState.Refused || ns.state() == NamespaceState.Violated)) {
      return TenantPhase.Violated;
    }
    if (applyError != null || namespaces.stream().anyMatch(ns -> ns.state() == NamespaceState.Conflict)) {
      return TenantPhase.Degraded;
    }
    return TenantPhase.Ready;
  }

  private static String messages(List<NamespaceStatus> namespaces, Predicate<NamespaceStatus> which) {
    return namespaces.stream().filter(which).map(NamespaceStatus::message).collect(Collectors.joining("; "));
  }
}
