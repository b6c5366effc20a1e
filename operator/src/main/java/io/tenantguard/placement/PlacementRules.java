package io.tenantguard.placement;

import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.Jurisdiction;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.classification.Requirements;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.region.RegionSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a namespace may sit in a region (HDS 4.4.7.1: the client chooses the hosting country and
 * the provider makes the choice hold). A namespace must satisfy its classification (certifications,
 * countries, jurisdictions) and the tenant's own compliance labels (an SNC tenant only in SNC
 * regions of EU jurisdiction; an HDS or ISO 27001 tenant only in regions so certified). Health data
 * (a classification requiring HDS) is hosted only for a tenant whose contract carries HDS.
 */
public final class PlacementRules {
  private PlacementRules() {}

  /**
   * Every rule the placement breaks, each in a sentence that names the rule, the region, its
   * country and what is missing; empty when the placement is allowed.
   *
   * @param field where the Tenant asks for the namespace, such as spec.namespaces[0]
   */
  public static List<String> violations(
      String namespace,
      String field,
      String regionName,
      Region region,
      String classificationName,
      DataClassification classification,
      List<Certification> tenantCompliance) {
    List<String> violations = new ArrayList<>();
    if (region == null) {
      violations.add("namespace " + namespace + ": Region " + regionName + " does not exist (" + field + ".region)");
    }
    if (classification == null) {
      violations.add("namespace " + namespace + ": DataClassification " + classificationName + " does not exist ("
          + field + ".classification)");
    }
    if (!violations.isEmpty()) {
      return violations;
    }
    RegionSpec where = region.getSpec();
    String place = "region " + regionName + " (" + where.country() + ", " + jurisdiction(where.jurisdiction()) + ")";
    Requirements requirements = classification.getSpec().requirements();
    for (Certification needed : requirements.certifications()) {
      if (!where.certifications().contains(needed)) {
        violations.add(
            "namespace " + namespace + ": classification " + classificationName + " requires certification "
                + needed + ", which " + place + " does not hold");
      }
    }
    if (!requirements.allowedCountries().isEmpty() && !requirements.allowedCountries().contains(where.country())) {
      violations.add(
          "namespace " + namespace + ": classification " + classificationName + " allows countries "
              + String.join(", ", requirements.allowedCountries()) + " only, and " + place + " is in "
              + where.country());
    }
    if (!requirements.allowedJurisdictions().isEmpty()
        && !requirements.allowedJurisdictions().contains(where.jurisdiction())) {
      violations.add(
          "namespace " + namespace + ": classification " + classificationName + " allows jurisdictions "
              + String.join(", ", requirements.allowedJurisdictions().stream().map(PlacementRules::jurisdiction).toList())
              + " only, and " + place + " is not");
    }
    if (requirements.certifications().contains(Certification.HDS) && !tenantCompliance.contains(Certification.HDS)) {
      violations.add(
          "namespace " + namespace + ": classification " + classificationName + " holds health data, which is"
              + " hosted only under the HDS contract, and the tenant's spec.compliance does not carry HDS");
    }
    for (Certification label : tenantCompliance) {
      if (!where.certifications().contains(label)) {
        violations.add(
            "namespace " + namespace + ": the tenant's contract carries " + label + ", which " + place
                + " does not hold");
      }
    }
    if (tenantCompliance.contains(Certification.SNC) && where.jurisdiction() != Jurisdiction.EU) {
      violations.add(
          "namespace " + namespace + ": the tenant's contract carries SNC, which requires EU jurisdiction, and "
              + place + " is not");
    }
    return violations;
  }

  static String jurisdiction(Jurisdiction jurisdiction) {
    return jurisdiction == Jurisdiction.NON_EU ? "non-EU" : "EU";
  }
}
