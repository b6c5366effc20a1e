package io.tenantguard.lifecycle;

import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.Deletion;
import io.tenantguard.api.v1alpha1.tenant.LegalHold;
import io.tenantguard.api.v1alpha1.tenant.Lifecycle;
import io.tenantguard.capability.Capability;
import io.tenantguard.capability.Contribution;
import io.tenantguard.capability.LifecycleStage;
import io.tenantguard.capability.NamespaceMetadata;
import io.tenantguard.capability.PlacedNamespace;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.capability.TenantLifecycle;
import io.tenantguard.evidence.Controls;
import io.tenantguard.evidence.Evidence;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The tenant's lifecycle, as its schedule decided it before the pipeline ran: an Active tenant's
 * data is kept (deleting the Tenant or a namespace is refused); a Suspended or terminated tenant's
 * namespaces are marked frozen, which the admission policy {@link FrozenNamespaces} keys on; a
 * terminated tenant's data is kept until its deadline, then destroyed and certified. Its evidence
 * says which, and the {@code DeletionScheduled} notice gives the dates.
 */
public final class LifecycleCapability implements Capability {
  public static final String DATA_KEPT = "DataKept";
  public static final String SUSPENDED = "Suspended";
  public static final String DESTRUCTION_SCHEDULED = "DestructionScheduled";
  public static final String LEGAL_HOLD = "LegalHold";
  public static final String LEGAL_HOLD_REFUSED = "LegalHoldRefused";
  public static final String DESTRUCTION_IN_PROGRESS = "DestructionInProgress";
  public static final String DESTROYED = "Destroyed";
  public static final String DATA_ACCESSIBLE = "DataAccessible";
  public static final String RETENTION_ENDED = "RetentionEnded";
  public static final String NOT_TERMINATED = "NotTerminated";
  public static final String ACTION_FAILED = "LifecycleActionFailed";

  @Override
  public List<String> conditions() {
    return List.of(StatusConditions.LIFECYCLE_ENFORCED);
  }

  @Override
  public Contribution contribute(TenantInputs inputs, List<PlacedNamespace> namespaces) {
    TenantLifecycle lifecycle = inputs.lifecycle();
    Contribution.Builder contribution = Contribution.builder();
    if (lifecycle.stage().frozen()) {
      String state = lifecycle.stage() == LifecycleStage.Suspended ? "Suspended" : "Terminated";
      namespaces.stream().filter(PlacedNamespace::provisioned).forEach(ns -> contribution.namespaceMetadata(ns.name(),
          NamespaceMetadata.labels(Map.of(FrozenNamespaces.FROZEN_LABEL, "true", FrozenNamespaces.STATE_LABEL, state))));
    }
    Verdicts verdicts = verdicts(inputs, lifecycle);
    contribution.evidence(evidence(Controls.ISO_DISPOSAL, verdicts.disposal()));
    contribution.evidence(evidence(Controls.HDS_REVERSIBILITY, verdicts.reversibility()));
    contribution.notice(notice(inputs, lifecycle));
    Instant next = nextLook(inputs, lifecycle);
    if (next != null) {
      contribution.wakeAt(next);
    }
    return contribution.build();
  }

  private record Verdict(ControlState state, String reason, String message) {}

  private record Verdicts(Verdict disposal, Verdict reversibility) {}

  private static Evidence evidence(io.tenantguard.evidence.Control control, Verdict verdict) {
    return new Evidence(control, verdict.state(), StatusConditions.LIFECYCLE_ENFORCED, verdict.reason(),
        verdict.message());
  }

  private static Verdicts verdicts(TenantInputs inputs, TenantLifecycle lifecycle) {
    Deletion deletion = lifecycle.deletion();
    if (lifecycle.failure() != null) {
      return both(new Verdict(ControlState.NotEnforced, ACTION_FAILED, lifecycle.stage() + ": " + lifecycle.failure()
          + "; retrying"));
    }
    return switch (lifecycle.stage()) {
      case Active -> both(new Verdict(ControlState.Enforced, DATA_KEPT, "Active: the tenant's data is kept; deleting"
          + " the Tenant or one of its namespaces is refused, only the lifecycle destroys data"));
      case Suspended -> both(new Verdict(ControlState.Enforced, SUSPENDED, "Suspended: writes in its namespaces are"
          + " refused to all but the platform (admission policy " + FrozenNamespaces.NAME + "), its subjects read only,"
          + " its workloads are stopped with their replica counts kept; its data is kept"));
      case Retained -> retained(inputs, deletion);
      case Destroying -> new Verdicts(
          new Verdict(ControlState.NotEnforced, DESTRUCTION_IN_PROGRESS, "retention ended at "
              + deletion.dataAccessibleUntil() + ": destroying the data, not yet verified complete: "
              + lifecycle.progress()),
          retentionEnded(deletion));
      case Destroyed -> new Verdicts(
          new Verdict(ControlState.Enforced, DESTROYED, "data destroyed and verified at " + deletion.destroyedAt()
              + ": DestructionCertificate " + deletion.certificate()),
          retentionEnded(deletion));
    };
  }

  private static Verdicts both(Verdict verdict) {
    return new Verdicts(verdict, verdict);
  }

  private static Verdict retentionEnded(Deletion deletion) {
    return new Verdict(ControlState.Enforced, RETENTION_ENDED, "the data was kept accessible until "
        + deletion.dataAccessibleUntil() + " (retention " + deletion.retention() + ")");
  }

  private static Verdicts retained(TenantInputs inputs, Deletion deletion) {
    Lifecycle spec = inputs.spec().lifecycle();
    LegalHold hold = spec.legalHold();
    List<String> refusing = refusingHolds(inputs);
    boolean pastDeadline = !inputs.now().isBefore(Instant.parse(deletion.dataAccessibleUntil()));
    String terminated = "Terminated at " + deletion.terminatedAt() + ": every access revoked but read-only recovery;"
        + " data kept until " + deletion.dataAccessibleUntil() + " (retention " + deletion.retention() + ")";
    Verdict disposal;
    if (hold != null && !refusing.isEmpty()) {
      disposal = new Verdict(ControlState.Violated, LEGAL_HOLD_REFUSED, "spec.lifecycle.legalHold is set but"
          + " classification " + String.join(", ", refusing) + " does not allow legal holds"
          + " (retention.legalHoldAllowed: false): it is not honoured; " + terminated + ", then destroyed");
    } else if (hold != null) {
      disposal = new Verdict(ControlState.Enforced, LEGAL_HOLD, terminated + "; legal hold (" + hold.reason()
          + ", requested by " + hold.requestedBy() + " since " + hold.since() + ") stops its destruction"
          + (pastDeadline ? ", due since then; lifting the hold destroys the data at once" : " while it holds"));
    } else {
      disposal = new Verdict(ControlState.Enforced, DESTRUCTION_SCHEDULED, terminated
          + ", then destroyed and a signed DestructionCertificate written");
    }
    Verdict reversibility;
    if (pastDeadline) {
      reversibility = retentionEnded(deletion);
    } else if (spec.dataRecoveryAccess()) {
      reversibility = new Verdict(ControlState.Enforced, DATA_ACCESSIBLE, "the tenant's admins read its data"
          + " (read only) until " + deletion.dataAccessibleUntil() + "; tenantguard.jar export writes it all as YAML");
    } else {
      reversibility = new Verdict(ControlState.Enforced, DATA_ACCESSIBLE, "data kept until "
          + deletion.dataAccessibleUntil() + "; recovery access declined (spec.lifecycle.dataRecoveryAccess: false):"
          + " tenantguard.jar export writes it all as YAML for the client");
    }
    return new Verdicts(disposal, reversibility);
  }

  private static io.fabric8.kubernetes.api.model.Condition notice(TenantInputs inputs, TenantLifecycle lifecycle) {
    Long generation = inputs.tenant().getMetadata().getGeneration();
    Deletion deletion = lifecycle.deletion();
    if (deletion == null) {
      return Conditions.of(StatusConditions.DELETION_SCHEDULED, false, NOT_TERMINATED,
          "the tenant is not terminated: no deletion is scheduled", generation);
    }
    String message = switch (lifecycle.stage()) {
      case Destroyed -> "terminated at " + deletion.terminatedAt() + "; destroyed at " + deletion.destroyedAt()
          + "; DestructionCertificate " + deletion.certificate();
      case Destroying -> "terminated at " + deletion.terminatedAt() + "; destruction due at "
          + deletion.dataAccessibleUntil() + " and in progress";
      default -> "terminated at " + deletion.terminatedAt() + "; data accessible until "
          + deletion.dataAccessibleUntil() + ", then destroyed"
          + (inputs.spec().lifecycle().legalHold() != null ? " unless a legal hold stops it" : "");
    };
    return Conditions.of(StatusConditions.DELETION_SCHEDULED, true, lifecycle.stage().name(), message, generation);
  }

  /**
   * The deadline ahead; now when it has passed without a hold (the deadline was just computed and
   * is acted on once read back from status); when the destruction must be looked at again.
   */
  private static Instant nextLook(TenantInputs inputs, TenantLifecycle lifecycle) {
    if (lifecycle.stage() == LifecycleStage.Destroying) {
      return lifecycle.recheckAt();
    }
    if (lifecycle.stage() != LifecycleStage.Retained) {
      return null;
    }
    Instant deadline = Instant.parse(lifecycle.deletion().dataAccessibleUntil());
    if (deadline.isAfter(inputs.now())) {
      return deadline;
    }
    return inputs.spec().lifecycle().legalHold() != null && refusingHolds(inputs).isEmpty() ? null : inputs.now();
  }

  private static List<String> refusingHolds(TenantInputs inputs) {
    return LegalHolds.refusing(DeletionSchedule.held(inputs.tenant(), inputs.ownedNamespaces()), inputs.classifications());
  }
}
