package io.tenantguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.ControlStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlTransitionsTest {
  @Test
  void aControlIsToldWhenItTurnsViolatedAndNotAgainWhileItStaysSo() {
    List<ControlStatus> before = List.of(new ControlStatus("HDS-4.5.4", ControlState.Enforced, "ContactsNamed"),
        new ControlStatus("SNC-9.7", ControlState.Violated, "NamespaceConflict"));
    List<ControlStatus> after = List.of(new ControlStatus("HDS-4.5.4", ControlState.Violated, "ContactMissing"),
        new ControlStatus("SNC-9.7", ControlState.Violated, "NamespaceConflict"));

    assertThat(ControlTransitions.turnedViolated(before, after)).containsExactly(Controls.HDS_CONTACTS);
    assertThat(ControlTransitions.turnedViolated(after, after)).isEmpty();
    assertThat(ControlTransitions.turnedViolated(List.of(), after)).containsExactly(Controls.HDS_CONTACTS,
        Controls.SNC_CLIENT_SEPARATION);
    assertThat(ControlTransitions.message(Controls.HDS_CONTACTS, List.of(new Evidence(Controls.HDS_CONTACTS,
            ControlState.Violated, "ContactsNamed", "ContactMissing", "no healthProfessional"))))
        .isEqualTo("HDS-4.5.4 (Named contacts of the client, a health professional among them) is Violated:"
            + " no healthProfessional");
  }
}
