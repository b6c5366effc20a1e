package io.tenantguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.ControlStatus;
import io.tenantguard.kube.Conditions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvidenceFoldTest {
  private static final List<String> CONDITIONS = List.of("Isolated", "AccessReviewed", "Other");
  private static final List<Certification> EVERY_LABEL = List.of(Certification.values());

  private static Evidence evidence(Control control, ControlState state, String condition) {
    return new Evidence(control, state, condition, state.name() + "Reason", control.id() + " is " + state);
  }

  /** The evidence given, and every other control of the catalogue Enforced. */
  private static List<Evidence> withTheRestEnforced(Evidence... given) {
    List<Evidence> all = new ArrayList<>(List.of(given));
    Controls.ALL.stream()
        .filter(control -> all.stream().noneMatch(e -> e.control().equals(control)))
        .forEach(control -> all.add(evidence(control, ControlState.Enforced, "Other")));
    return all;
  }

  @ParameterizedTest(name = "provider {0}, client {1}: ready {2}")
  @CsvSource({
    "Enforced, Enforced, true",
    "Enforced, Violated, true", // a client's own duty left undone is shown, not held against the platform
    "Enforced, NotEnforced, false", // declared and not enforced: never a silent pass
    "Violated, Enforced, false",
    "NotEnforced, Enforced, false",
    "NotApplicable, Enforced, true",
    "ClientResponsibility, Enforced, true",
    "ProviderAttested, ClientResponsibility, true",
  })
  void readyOnlyWhenEveryControlThatAppliesHolds(ControlState provider, ControlState client, boolean ready) {
    EvidenceFold.Folded folded = EvidenceFold.fold(withTheRestEnforced(
            evidence(Controls.ISO_NETWORK_SEGREGATION, provider, "Isolated"),
            evidence(Controls.ISO_ACCESS_REVIEW, client, "AccessReviewed")),
        CONDITIONS, List.of(), 3L);

    assertThat(folded.ready()).isEqualTo(ready);
    assertThat(folded.conditions().get(1).getStatus())
        .isEqualTo(client == ControlState.Violated || client == ControlState.NotEnforced ? Conditions.FALSE : Conditions.TRUE);
  }

  @Test
  void aControlOutsideTheContractIsNotApplicableAndDoesNotCount() {
    EvidenceFold.Folded folded = EvidenceFold.fold(withTheRestEnforced(
            evidence(Controls.ISO_NETWORK_SEGREGATION, ControlState.Enforced, "Isolated"),
            evidence(Controls.SNC_CLIENT_SEPARATION, ControlState.Violated, "Isolated")),
        CONDITIONS, List.of(Certification.ISO27001), 3L);

    assertThat(folded.ready()).isTrue();
    assertThat(folded.controls()).contains(
        new ControlStatus("ISO27001-A.13.1.3", ControlState.Enforced, "EnforcedReason"),
        new ControlStatus("SNC-9.7", ControlState.NotApplicable, EvidenceFold.NOT_IN_CONTRACT));
  }

  @Test
  void aConditionIsFalseWithTheReasonAndMessageOfWhatFailsAndTheWorstStateWins() {
    EvidenceFold.Folded folded = EvidenceFold.fold(List.of(
            evidence(Controls.SNC_CLIENT_SEPARATION, ControlState.Enforced, "Isolated"),
            evidence(Controls.SNC_CLIENT_SEPARATION, ControlState.Violated, "Isolated"),
            evidence(Controls.SNC_LEGITIMATE_FLOWS, ControlState.Violated, "Isolated")),
        CONDITIONS, List.of(Certification.SNC), 7L);

    var isolated = folded.conditions().get(0);
    assertThat(isolated.getStatus()).isEqualTo(Conditions.FALSE);
    assertThat(isolated.getReason()).isEqualTo("ViolatedReason");
    assertThat(isolated.getMessage()).isEqualTo("SNC-9.7 is Violated; SNC-13.2 is Violated");
    assertThat(isolated.getObservedGeneration()).isEqualTo(7L);
    assertThat(folded.controls()).contains(new ControlStatus("SNC-9.7", ControlState.Violated, "ViolatedReason"));
    var reviewed = folded.conditions().get(1);
    assertThat(reviewed.getStatus()).isEqualTo(Conditions.TRUE);
    assertThat(reviewed.getReason()).isEqualTo(EvidenceFold.NOT_APPLICABLE);
  }

  @Test
  void aCatalogueControlWithoutEvidenceIsNotEnforcedAndKeepsReadyFalse() {
    EvidenceFold.Folded folded = EvidenceFold.fold(List.of(), CONDITIONS, List.of(), 1L);

    assertThat(folded.controls()).hasSize(Controls.ALL.size()).contains(
        new ControlStatus("ISO27001-A.13.1.3", ControlState.NotEnforced, EvidenceFold.NO_EVALUATOR));
    assertThat(folded.ready()).isFalse();
    assertThat(folded.notReady().get(0).message())
        .isEqualTo("ISO27001-A.18.1.1 applies and its evaluator (placement) gave no evidence");
  }

  @Test
  void anUnattestedOrganisationalDutyIsShownAndNamedButDoesNotKeepReadyFalse() {
    EvidenceFold.Folded folded = EvidenceFold.fold(withTheRestEnforced(
            evidence(Controls.ISO_PHYSICAL_PERIMETER, ControlState.NotEnforced, "Other")),
        CONDITIONS, EVERY_LABEL, 1L);

    assertThat(folded.ready()).isTrue();
    assertThat(folded.unattested()).containsExactly(Controls.ISO_PHYSICAL_PERIMETER);
    assertThat(folded.controls()).contains(
        new ControlStatus("ISO27001-A.11.1.1", ControlState.NotEnforced, "NotEnforcedReason"));
    assertThat(folded.conditions().get(2).getStatus()).isEqualTo(Conditions.FALSE);
  }

  @Test
  void anAttestedDutyCarriesTheReferenceOfItsAttestation() {
    EvidenceFold.Folded folded = EvidenceFold.fold(withTheRestEnforced(
            new Evidence(Controls.ISO_CONTINUITY, ControlState.ProviderAttested, "Other", "Attested", "BCP audit 2026-03")),
        CONDITIONS, EVERY_LABEL, 1L);

    assertThat(folded.controls())
        .contains(new ControlStatus("ISO27001-A.17.1.2", ControlState.ProviderAttested, "Attested", "BCP audit 2026-03"));
  }
}
