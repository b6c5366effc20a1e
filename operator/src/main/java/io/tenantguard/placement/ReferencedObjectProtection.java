package io.tenantguard.placement;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.tenantguard.admission.AdmissionPolicy;
import io.tenantguard.api.v1alpha1.ApiGroup;
import java.util.List;
import java.util.Map;

/**
 * A Region or DataClassification that tenants use cannot be deleted: their status lists the
 * tenants, and the API server refuses the deletion while that list is not empty, naming them. (If
 * one disappears anyway, its namespaces keep the protection they were provisioned under.)
 */
public final class ReferencedObjectProtection {
  public static final String NAME = "tenantguard-protect-referenced-objects";

  private ReferencedObjectProtection() {}

  public static AdmissionPolicy policy() {
    return new AdmissionPolicy(
        NAME,
        List.of(AdmissionPolicy.rule(ApiGroup.GROUP, List.of("regions", "dataclassifications"), "DELETE")),
        List.of(),
        List.of(),
        List.of(new ValidationBuilder()
            .withExpression("!has(oldObject.status) || !has(oldObject.status.tenants) || size(oldObject.status.tenants) == 0")
            .withMessageExpression("oldObject.kind + ' ' + oldObject.metadata.name + ' is in use by tenants '"
                + " + oldObject.status.tenants.join(', ') + ': move or remove their namespaces first; deleting it would"
                + " leave their data without the rules it was placed under'")
            .withReason("Forbidden")
            .build()),
        Map.of());
  }
}
