package io.tenantguard.attestation;

import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.capability.Capability;
import io.tenantguard.capability.Contribution;
import io.tenantguard.capability.PlacedNamespace;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.evidence.Control;
import io.tenantguard.evidence.ControlOwner;
import io.tenantguard.evidence.Controls;
import io.tenantguard.evidence.Evidence;
import io.tenantguard.kube.StatusConditions;
import java.util.List;

/**
 * The organisational duties of the matrix, which nothing in the cluster can evaluate: the
 * provider's are ProviderAttested when the operator's configuration names their attestation, and
 * NotEnforced (NotAttested) otherwise; the client's are its own (ClientResponsibility).
 */
public final class AttestationCapability implements Capability {
  public static final String ATTESTED = "Attested";
  public static final String NOT_ATTESTED = "NotAttested";
  public static final String CLIENT_DUTY = "ClientDuty";

  private final Attestations attestations;

  public AttestationCapability(Attestations attestations) {
    this.attestations = attestations;
  }

  @Override
  public List<String> conditions() {
    return List.of(StatusConditions.DUTIES_ATTESTED);
  }

  @Override
  public Contribution contribute(TenantInputs inputs, List<PlacedNamespace> namespaces) {
    Contribution.Builder contribution = Contribution.builder();
    Controls.organisational().forEach(control -> contribution.evidence(evidence(control)));
    return contribution.build();
  }

  private Evidence evidence(Control control) {
    if (control.owner() == ControlOwner.Client) {
      return new Evidence(control, ControlState.ClientResponsibility, StatusConditions.DUTIES_ATTESTED, CLIENT_DUTY,
          "the client's own duty: " + control.title());
    }
    return attestations.of(control)
        .map(reference -> new Evidence(control, ControlState.ProviderAttested, StatusConditions.DUTIES_ATTESTED,
            ATTESTED, reference))
        .orElse(new Evidence(control, ControlState.NotEnforced, StatusConditions.DUTIES_ATTESTED, NOT_ATTESTED,
            control.id() + " (" + control.title() + ") has no attestation in the operator's configuration"
                + " (--attestation " + control.id() + "=REFERENCE or --attestations FILE)"));
  }
}
