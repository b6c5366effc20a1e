package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.api.v1alpha1.tenant.TenantStatus;
import io.tenantguard.capability.LifecycleStage;
import io.tenantguard.evidence.Evidence;
import io.tenantguard.evidence.EvidenceFold;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's status from its plan and the outcome of applying it: the capabilities' evidence
 * folded into conditions and controls, Ready only when every control that applies holds. A pure
 * function; it knows no capability.
 */
public final class TenantStatusFactory {
  public static final String ENFORCED = "Enforced";
  public static final String APPLY_FAILED = "ApplyFailed";

  private final Clock clock;
  private final List<String> conditionTypes;

  /** @param conditionTypes the condition types the capabilities feed, in pipeline order */
  public TenantStatusFactory(Clock clock, List<String> conditionTypes) {
    this.clock = clock;
    this.conditionTypes = List.copyOf(conditionTypes);
  }

  /** The status of a plan applied in full. */
  public TenantStatus status(Tenant tenant, TenantPlan plan) {
    return status(tenant, plan, ApplyOutcome.APPLIED);
  }

  TenantStatus status(Tenant tenant, TenantPlan plan, ApplyOutcome outcome) {
    long generation = tenant.getMetadata().getGeneration();
    EvidenceFold.Folded folded =
        EvidenceFold.fold(evidence(plan, outcome), conditionTypes, tenant.getSpec().compliance(), generation);
    List<Condition> next = new ArrayList<>();
    next.add(folded.ready()
        ? Conditions.of(StatusConditions.READY, true, ENFORCED, readyMessage(folded), generation)
        : Conditions.of(StatusConditions.READY, false, folded.notReady().get(0).reason(),
            EvidenceFold.messages(folded.notReady()), generation));
    next.addAll(folded.conditions());
    plan.contributions().forEach(c -> next.addAll(c.contribution().notices()));
    next.add(Conditions.of(StatusConditions.RECONCILING, outcome.failed(),
        outcome.failed() ? APPLY_FAILED : ENFORCED,
        outcome.failed() ? "retrying with backoff: " + outcome.message() : "converged", generation));
    boolean stalled = !folded.ready() && !outcome.failed();
    next.add(Conditions.of(StatusConditions.STALLED, stalled,
        stalled ? folded.notReady().get(0).reason() : ENFORCED,
        stalled ? "needs a change of the Tenant, its Regions or DataClassifications, or an operator that enforces"
            + " what they declare: " + EvidenceFold.messages(folded.notReady())
            : "nothing blocks convergence",
        generation));
    TenantStatus previous = tenant.getStatus();
    return new TenantStatus(
        phase(plan.lifecycle().stage(), folded.ready(), outcome, previous),
        generation,
        Conditions.merge(previous == null ? List.of() : previous.conditions(), next, clock),
        plan.namespaces(),
        plan.hosting().regions(),
        plan.hosting().countries(),
        plan.hosting().centres(),
        folded.controls(),
        outcome.failed() ? (previous == null ? null : previous.appliedDigest()) : plan.digest(),
        plan.accessDigest(),
        plan.contributions().stream().flatMap(c -> c.contribution().storageClasses().stream()).toList(),
        plan.lifecycle().deletion());
  }

  /** What Ready claims, and what it does not: the provider's organisational duties nobody attested. */
  private static String readyMessage(EvidenceFold.Folded folded) {
    String message = "every control that applies to the tenant is enforced";
    return folded.unattested().isEmpty() ? message
        : message + " or attested, except organisational duties the provider has not attested ("
            + StatusConditions.DUTIES_ATTESTED + "): "
            + folded.unattested().stream().map(io.tenantguard.evidence.Control::id).collect(java.util.stream.Collectors.joining(", "));
  }

  /**
   * The evidence as the capabilities gave it, except where applying their objects failed: what
   * they claimed Enforced is then NotEnforced, naming the dependent. Namespaces carry every
   * capability's metadata, so their failure concerns all.
   */
  private static List<Evidence> evidence(TenantPlan plan, ApplyOutcome outcome) {
    List<Evidence> evidence = new ArrayList<>();
    for (TenantPlan.Contributed contributed : plan.contributions()) {
      boolean failed = outcome.failedKinds().contains("Namespace")
          || contributed.contribution().objects().stream().map(HasMetadata::getKind).anyMatch(outcome.failedKinds()::contains);
      for (Evidence e : contributed.contribution().evidence()) {
        evidence.add(failed && e.state() == ControlState.Enforced
            ? e.withState(ControlState.NotEnforced, APPLY_FAILED, "could not apply: " + outcome.message())
            : e);
      }
    }
    return evidence;
  }

  /** The lifecycle's stage names the phase of a tenant that is not Active. */
  private static TenantPhase phase(LifecycleStage stage, boolean ready, ApplyOutcome outcome, TenantStatus previous) {
    if (stage != LifecycleStage.Active) {
      return TenantPhase.valueOf(stage.name());
    }
    if (ready) {
      return TenantPhase.Ready;
    }
    boolean firstApply = previous == null || previous.phase() == null || previous.phase() == TenantPhase.Provisioning;
    return outcome.failed() && firstApply ? TenantPhase.Provisioning : TenantPhase.Degraded;
  }
}
