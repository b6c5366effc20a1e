package io.tenantguard.encryption;

import io.tenantguard.api.v1alpha1.Requirement;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.capability.Capability;
import io.tenantguard.capability.Contribution;
import io.tenantguard.capability.Declared;
import io.tenantguard.capability.PlacedNamespace;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.evidence.Control;
import io.tenantguard.evidence.Controls;
import io.tenantguard.evidence.Evidence;
import io.tenantguard.kube.StatusConditions;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Encryption at rest and in transit. This version enforces neither yet: where a classification
 * requires one, or the Tenant names its key, the evidence says NotEnforced and the tenant is not
 * Ready, so that a declared control is never silently accepted.
 */
public final class EncryptionCapability implements Capability {
  @Override
  public List<String> conditions() {
    return List.of(StatusConditions.ENCRYPTION_ENFORCED);
  }

  @Override
  public Contribution contribute(TenantInputs inputs, List<PlacedNamespace> namespaces) {
    List<String> atRest = Declared.namespaces(namespaces, ns -> ns.requirements().encryptionAtRest() == Requirement.Required);
    List<String> inTransit =
        Declared.namespaces(namespaces, ns -> ns.requirements().encryptionInTransit() == Requirement.Required);
    String restSentence = atRest.isEmpty() ? null
        : "encryption at rest (requirements.encryptionAtRest) required for namespaces " + String.join(", ", atRest);
    String transitSentence = inTransit.isEmpty() ? null
        : "encryption in transit (requirements.encryptionInTransit) required for namespaces " + String.join(", ", inTransit);
    String keySentence = inputs.spec().encryption() == null ? null : "spec.encryption names the client's key";
    Contribution.Builder contribution = Contribution.builder();
    evidence(contribution, List.of(Controls.SNC_ENCRYPTION_AT_REST, Controls.HDS_STORAGE_REUSE), restSentence);
    evidence(contribution, List.of(Controls.SNC_ENCRYPTION_IN_TRANSIT, Controls.HDS_ENCRYPTED_FLOWS), transitSentence);
    // the cryptography policy: one finding per thing declared, so that the messages fold into one each
    List<String> declared = Stream.of(restSentence, transitSentence, keySentence).filter(Objects::nonNull).toList();
    if (declared.isEmpty()) {
      evidence(contribution, List.of(Controls.ISO_CRYPTOGRAPHY), null);
    }
    declared.forEach(sentence -> evidence(contribution, List.of(Controls.ISO_CRYPTOGRAPHY), sentence));
    return contribution.build();
  }

  /** NotEnforced where something declares the control, NotApplicable where nothing does. */
  private static void evidence(Contribution.Builder contribution, List<Control> controls, String declared) {
    for (Control control : controls) {
      contribution.evidence(declared == null
          ? new Evidence(control, ControlState.NotApplicable, StatusConditions.ENCRYPTION_ENFORCED,
              StatusConditions.NOT_REQUIRED, "nothing the tenant holds requires encryption")
          : new Evidence(control, ControlState.NotEnforced, StatusConditions.ENCRYPTION_ENFORCED,
              StatusConditions.NOT_IMPLEMENTED, declared + ": this version of tenantguard does not enforce encryption yet"));
    }
  }
}
