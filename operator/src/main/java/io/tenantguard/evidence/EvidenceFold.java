package io.tenantguard.evidence;

import io.fabric8.kubernetes.api.model.Condition;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.ControlStatus;
import io.tenantguard.kube.Conditions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Folds the capabilities' evidence into what the status shows: one condition per capability
 * condition type, whether the tenant is Ready, and the state of every control of the catalogue.
 * A pure function: Ready is true only when every control that applies to the tenant holds.
 */
public final class EvidenceFold {
  public static final String NOT_APPLICABLE = "NotApplicable";
  public static final String NOT_IN_CONTRACT = "NotInContract";
  public static final String NO_EVALUATOR = "NoEvaluator";
  /** The worst state first: a control with several pieces of evidence shows the worst. */
  private static final List<ControlState> SEVERITY = List.of(
      ControlState.Violated, ControlState.NotEnforced, ControlState.Enforced, ControlState.ProviderAttested,
      ControlState.ClientResponsibility, ControlState.NotApplicable);

  /**
   * @param conditions the capability conditions, in the order the status lists them
   * @param notReady the evidence that keeps Ready false, the first of it deciding Ready's reason;
   *     empty when the tenant is Ready
   * @param controls every control of the catalogue, in its order
   */
  public record Folded(List<Condition> conditions, List<Evidence> notReady, List<ControlStatus> controls) {
    public boolean ready() {
      return notReady.isEmpty();
    }
  }

  private EvidenceFold() {}

  /**
   * @param conditionTypes the condition types the capabilities feed, in pipeline order
   */
  public static Folded fold(
      List<Evidence> evidence, List<String> conditionTypes, List<Certification> compliance, long generation) {
    List<Evidence> applicable = evidence.stream().filter(e -> e.control().appliesTo(compliance)).toList();
    List<Condition> conditions = conditionTypes.stream()
        .map(type -> condition(type, applicable.stream().filter(e -> e.condition().equals(type)).toList(), generation))
        .toList();
    List<Evidence> notReady = applicable.stream().filter(EvidenceFold::keepsNotReady).toList();
    return new Folded(conditions, notReady, controls(applicable, compliance));
  }

  /**
   * Something declared that nothing enforces always counts; a violated duty counts when the
   * provider answers for it (a client's overdue review is shown, not held against the platform).
   */
  private static boolean keepsNotReady(Evidence e) {
    return e.state() == ControlState.NotEnforced || (e.state() == ControlState.Violated && e.control().providerEnforces());
  }

  private static Condition condition(String type, List<Evidence> evidence, long generation) {
    if (evidence.isEmpty()) {
      return Conditions.of(type, true, NOT_APPLICABLE, "no control this condition proves applies to the tenant",
          generation);
    }
    List<Evidence> failing = evidence.stream().filter(e -> !e.holds()).toList();
    List<Evidence> shown = failing.isEmpty() ? evidence : failing;
    return Conditions.of(type, failing.isEmpty(), shown.get(0).reason(), messages(shown), generation);
  }

  /** The distinct messages, in order: several controls often share one finding. */
  public static String messages(List<Evidence> evidence) {
    return evidence.stream().map(Evidence::message).distinct().collect(Collectors.joining("; "));
  }

  private static List<ControlStatus> controls(List<Evidence> applicable, List<Certification> compliance) {
    List<ControlStatus> controls = new ArrayList<>(Controls.ALL.size());
    for (Control control : Controls.ALL) {
      if (!control.appliesTo(compliance)) {
        controls.add(new ControlStatus(control.id(), ControlState.NotApplicable, NOT_IN_CONTRACT));
        continue;
      }
      Optional<Evidence> worst = applicable.stream()
          .filter(e -> e.control().equals(control))
          .min(Comparator.comparingInt(e -> SEVERITY.indexOf(e.state())));
      controls.add(worst
          .map(e -> new ControlStatus(control.id(), e.state(), e.reason()))
          .orElse(new ControlStatus(control.id(), ControlState.NotEnforced, NO_EVALUATOR)));
    }
    return controls;
  }
}
