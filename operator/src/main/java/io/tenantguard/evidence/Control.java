package io.tenantguard.evidence;

import io.tenantguard.api.v1alpha1.Certification;
import java.util.List;

/**
 * One row of the responsibility matrix that the platform can enforce, observe or remind.
 *
 * @param id the label the matrix gives it: framework, dash, clause ({@code SNC-9.7})
 * @param iso2022 the ISO 27001:2022 control equivalent to the clause, where there is one
 */
public record Control(String id, Certification framework, String title, ControlOwner owner, String iso2022) {

  /** ISO 27001 applies to every tenant; SNC and HDS to tenants whose contract carries them. */
  public boolean appliesTo(List<Certification> compliance) {
    return framework == Certification.ISO27001 || compliance.contains(framework);
  }

  /** Whether the tenant's Ready depends on it: the client's own duties are shown, not required. */
  public boolean providerEnforces() {
    return owner != ControlOwner.Client;
  }
}
