package io.tenantguard.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.evidence.Controls;
import io.tenantguard.evidence.Evidence;
import io.tenantguard.testing.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttestationsTest {
  private static List<Evidence> evidence(Attestations attestations) {
    TenantInputs inputs = new TenantInputs(Examples.tenant("lumiere-media"), Map.of(), Map.of(), List.of(), Map.of(),
        Instant.parse("2026-12-01T10:00:00Z"));
    return new AttestationCapability(attestations).contribute(inputs, List.of()).evidence();
  }

  private static Evidence of(List<Evidence> evidence, String id) {
    return evidence.stream().filter(e -> e.control().id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void anAttestedDutyIsProviderAttestedWithItsReferenceAndAnUnattestedOneNotEnforced() {
    List<Evidence> evidence = evidence(Attestations.parse(List.of("ISO27001-A.11.1.1=ISO 27001 certificate 2026-117")));

    assertThat(of(evidence, "ISO27001-A.11.1.1").state()).isEqualTo(ControlState.ProviderAttested);
    assertThat(of(evidence, "ISO27001-A.11.1.1").message()).isEqualTo("ISO 27001 certificate 2026-117");
    assertThat(of(evidence, "ISO27001-A.17.1.2").state()).isEqualTo(ControlState.NotEnforced);
    assertThat(of(evidence, "ISO27001-A.17.1.2").reason()).isEqualTo(AttestationCapability.NOT_ATTESTED);
    assertThat(of(evidence, "ISO27001-A.17.1.2").message()).contains("no attestation in the operator's configuration",
        "--attestation ISO27001-A.17.1.2=REFERENCE");
    assertThat(of(evidence, "ISO27001-A.12.3.1-client").state()).isEqualTo(ControlState.ClientResponsibility);
    assertThat(evidence).extracting(Evidence::control).containsExactlyElementsOf(Controls.organisational());
  }

  @Test
  void onlyTheProvidersOrganisationalDutiesCanBeAttested() {
    assertThatThrownBy(() -> Attestations.parse(List.of("SNC-9.7=trust me")))
        .hasMessageContaining("SNC-9.7 is evaluated in the cluster (by separation), never attested");
    assertThatThrownBy(() -> Attestations.parse(List.of("ISO27001-A.12.3.1-client=done")))
        .hasMessageContaining("ISO27001-A.12.3.1-client is the client's duty");
    assertThatThrownBy(() -> Attestations.parse(List.of("ISO27001-A.99=x")))
        .hasMessageContaining("no control ISO27001-A.99 in the catalogue")
        .hasMessageContaining("The provider attests only these: SNC-12.6, SNC-12.8, HDS-4.4.6.10");
    assertThatThrownBy(() -> Attestations.parse(List.of("ISO27001-A.11.1.1")))
        .hasMessageContaining("'ISO27001-A.11.1.1' is not CONTROL=REFERENCE");
  }

  @Test
  void aFileMapsControlsToReferencesAndTheOptionWinsOverIt(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("attestations.yaml");
    Files.writeString(file, "ISO27001-A.11.1.1: certificate A\nISO27001-A.17.1.2: continuity audit 2026\n");

    Attestations attestations = Attestations.read(file)
        .plus(Attestations.parse(List.of("ISO27001-A.11.1.1=certificate B")));

    assertThat(attestations.references()).containsEntry("ISO27001-A.11.1.1", "certificate B")
        .containsEntry("ISO27001-A.17.1.2", "continuity audit 2026");
    Files.writeString(file, "ISO27001-A.11.1.1: ''\n");
    assertThatThrownBy(() -> Attestations.read(file)).hasMessageContaining("ISO27001-A.11.1.1 has an empty reference");
  }
}
