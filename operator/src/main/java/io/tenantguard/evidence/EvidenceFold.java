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
   * @param unattested the provider's organisational duties that apply and nobody attested: shown
   *     NotEnforced, named by Ready's message, and not held against Ready (README: why)
   */
  public record Folded(
      List<Condition> conditions, List<Evidence> notReady, List<ControlStatus> controls, List<Control> unattested) {
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
    List<Evidence> notReady = new ArrayList<>(applicable.stream().filter(EvidenceFold::keepsNotReady).toList());
    notReady.addAll(unevaluated(applicable, compliance));
    List<Control> unattested = applicable.stream()
        .filter(e -> e.control().organisational() && e.state() == ControlState.NotEnforced)
        .map(Evidence::control)
        .distinct()
        .toList();
    return new Folded(conditions, notReady, controls(applicable, compliance), unattested);
  }

  /**
   * Something declared that nothing enforces always counts; a violated duty counts when the
   * provider answers for it (a client's overdue review is shown, not held against the platform).
   * An organisational duty without the provider's attestation is a statement about the provider's
   * organisation nobody made, not a fault of the tenant's cluster state: it is shown, not counted.
   */
  private static boolean keepsNotReady(Evidence e) {
    return (e.state() == ControlState.NotEnforced && !e.control().organisational())
        || (e.state() == ControlState.Violated && e.control().providerEnforces());
  }

  /** A control of the catalogue that applies and that no capability evaluated: never a silent pass. */
  private static List<Evidence> unevaluated(List<Evidence> applicable, List<Certification> compliance) {
    return Controls.ALL.stream()
        .filter(control -> control.appliesTo(compliance))
        .filter(control -> applicable.stream().noneMatch(e -> e.control().equals(control)))
        .map(control -> new Evidence(control, ControlState.NotEnforced, NO_EVALUATOR, NO_EVALUATOR,
            control.id() + " applies and its evaluator (" + control.evaluator() + ") gave no evidence"))
        .toList();
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
          .map(e -> new ControlStatus(control.id(), e.state(), e.reason(),
              e.state() == ControlState.ProviderAttested ? e.message() : null))
          .orElse(new ControlStatus(control.id(), ControlState.NotEnforced, NO_EVALUATOR)));
    }
    return controls;
  }
}
