package io.tenantguard.evidence;

import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.ControlStatus;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Which controls of a tenant turned Violated between two statuses: each is told once, when it turns. */
public final class ControlTransitions {
  public static final String CONTROL_VIOLATED = "ControlViolated";

  private ControlTransitions() {}

  public static List<Control> turnedViolated(List<ControlStatus> before, List<ControlStatus> after) {
    Map<String, ControlState> previous =
        before.stream().collect(Collectors.toMap(ControlStatus::id, ControlStatus::state, (a, b) -> a));
    return after.stream()
        .filter(c -> c.state() == ControlState.Violated && previous.get(c.id()) != ControlState.Violated)
        .map(c -> Controls.byId(c.id()))
        .flatMap(java.util.Optional::stream)
        .toList();
  }

  /** "HDS-4.5.4 (Named contacts of the client, ...) is Violated: spec.contacts has no contact ...". */
  public static String message(Control control, List<Evidence> evidence) {
    Map<Control, String> violated = evidence.stream()
        .filter(e -> e.state() == ControlState.Violated)
        .collect(Collectors.toMap(Evidence::control, Evidence::message, (a, b) -> a + "; " + b));
    return control.id() + " (" + control.title() + ") is Violated: "
        + violated.getOrDefault(control, "see status.controls");
  }
}
