package io.tenantguard.evidence.report;

import io.fabric8.kubernetes.api.model.Condition;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.ControlStatus;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantStatus;
import io.tenantguard.evidence.Control;
import io.tenantguard.evidence.Controls;
import io.tenantguard.evidence.EvidenceFold;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The responsibility matrix of one tenant as its status shows it: every control of the catalogue
 * with its owner, its state and the evidence (the message of the condition its capability feeds).
 * Built from the Tenant alone, so that the CLI and the operator's endpoint say the same.
 *
 * @param current whether the status describes the tenant's current spec (observedGeneration)
 */
public record ComplianceReport(
    String tenant,
    String displayName,
    List<Certification> compliance,
    Instant generatedAt,
    String operatorVersion,
    String phase,
    boolean ready,
    String readyMessage,
    boolean current,
    List<String> regions,
    List<String> hostingCountries,
    List<String> hostingCentres,
    String accessDigest,
    List<Row> controls) {

  public static final String NO_STATUS = "NoStatus";

  /**
   * One control for this tenant.
   *
   * @param evidence what shows its state: the detail of its condition, the attestation, or why it
   *     does not apply
   */
  public record Row(
      String id,
      String label,
      String section,
      String iso2013,
      String iso2022,
      String title,
      String owner,
      String appliesTo,
      String evaluatedBy,
      ControlState state,
      String reason,
      String evidence) {}

  public static ComplianceReport of(Tenant tenant, Instant now, String operatorVersion) {
    TenantStatus status = tenant.getStatus();
    List<Condition> conditions = status == null ? List.of() : status.conditions();
    Condition ready = Conditions.find(conditions, StatusConditions.READY);
    List<Row> rows = Controls.ALL.stream().map(control -> row(control, tenant, conditions)).toList();
    return new ComplianceReport(
        tenant.getMetadata().getName(),
        tenant.getSpec().displayName(),
        tenant.getSpec().compliance(),
        now,
        operatorVersion,
        status == null || status.phase() == null ? "Unknown" : status.phase().name(),
        ready != null && Conditions.TRUE.equals(ready.getStatus()),
        ready == null ? "the operator has not evaluated this tenant yet" : ready.getMessage(),
        status != null && Objects.equals(status.observedGeneration(), tenant.getMetadata().getGeneration()),
        status == null ? List.of() : status.regions(),
        status == null ? List.of() : status.hostingCountries(),
        status == null ? List.of() : status.hostingCentres(),
        status == null ? null : status.accessDigest(),
        rows);
  }

  private static Row row(Control control, Tenant tenant, List<Condition> conditions) {
    Optional<ControlStatus> shown = tenant.getStatus() == null ? Optional.empty()
        : tenant.getStatus().controls().stream().filter(c -> c.id().equals(control.id())).findFirst();
    ControlState state = shown.map(ControlStatus::state).orElse(ControlState.NotEnforced);
    String reason = shown.map(ControlStatus::reason).orElse(NO_STATUS);
    return new Row(control.id(), control.label(), control.section().heading(), control.iso2013(), control.iso2022(),
        control.title(), control.owner().name(), control.appliesUnder(),
        control.evaluator() + " (" + control.condition() + ")", state, reason,
        evidence(control, shown, Conditions.find(conditions, control.condition())));
  }

  private static String evidence(Control control, Optional<ControlStatus> shown, Condition condition) {
    if (shown.isEmpty()) {
      return "the operator has not evaluated this control for this tenant yet";
    }
    ControlStatus status = shown.get();
    if (status.attestation() != null) {
      return "attested by the provider: " + status.attestation();
    }
    if (EvidenceFold.NOT_IN_CONTRACT.equals(status.reason())) {
      return "the tenant's contract (spec.compliance) does not carry " + control.framework();
    }
    if (condition == null) {
      return "";
    }
    boolean holds = status.state() != ControlState.Violated && status.state() != ControlState.NotEnforced;
    // a condition that fails for another control of the same capability says nothing of this one
    return holds == Conditions.TRUE.equals(condition.getStatus()) ? condition.getMessage() : "";
  }

  /** How many controls are in each state, for the summary. */
  public long count(ControlState state) {
    return controls.stream().filter(row -> row.state() == state).count();
  }
}
