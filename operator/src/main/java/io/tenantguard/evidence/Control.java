package io.tenantguard.evidence;

import io.tenantguard.api.v1alpha1.Certification;
import java.util.List;

/**
 * One row of the responsibility matrix that the platform can enforce, observe or remind.
 *
 * @param id the label the matrix gives it: framework, dash, clause ({@code SNC-9.7}); where one
 *     label covers distinct duties, one control per duty, its id suffixed ({@code HDS-4.4.7.1-client})
 * @param section the section of the matrix it sits in
 * @param iso2013 the ISO 27001:2013 Annex A clause the matrix cites for it ({@code A.13.1.3})
 * @param iso2022 the ISO 27001:2022 Annex A control equivalent to that clause ({@code 8.22})
 * @param evaluator the capability that gives its evidence, by package name ({@code separation}), or
 *     {@link #ATTESTATION} for an organisational duty nothing in the cluster can evaluate
 * @param condition the condition of the Tenant its evidence feeds, which holds the detail
 */
public record Control(
    String id,
    Certification framework,
    MatrixSection section,
    String iso2013,
    String iso2022,
    String title,
    ControlOwner owner,
    String evaluator,
    String condition) {

  /** The evaluator of organisational duties: the provider's attestations, from the operator's configuration. */
  public static final String ATTESTATION = "attestation";
  /** The suffixes of the duties one matrix label is split into. */
  private static final List<String> DUTY_SUFFIXES = List.of("-provider", "-client");

  /** The label as the matrix prints it, without the suffix of the duty. */
  public String label() {
    return DUTY_SUFFIXES.stream().filter(id::endsWith).findFirst()
        .map(suffix -> id.substring(0, id.length() - suffix.length()))
        .orElse(id);
  }

  /** ISO 27001 applies to every tenant; SNC and HDS to tenants whose contract carries them. */
  public boolean appliesTo(List<Certification> compliance) {
    return framework == Certification.ISO27001 || compliance.contains(framework);
  }

  /** "every tenant" or "tenants whose spec.compliance carries HDS". */
  public String appliesUnder() {
    return framework == Certification.ISO27001
        ? "every tenant"
        : "tenants whose spec.compliance carries " + framework;
  }

  /** Whether the tenant's Ready depends on it: the client's own duties are shown, not required. */
  public boolean providerEnforces() {
    return owner != ControlOwner.Client;
  }

  /** An organisational duty: the provider attests it outside the cluster, or the client owns it. */
  public boolean organisational() {
    return ATTESTATION.equals(evaluator);
  }
}
