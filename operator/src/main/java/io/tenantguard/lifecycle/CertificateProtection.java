package io.tenantguard.lifecycle;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchConditionBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.tenantguard.admission.AdmissionPolicy;
import io.tenantguard.api.v1alpha1.ApiGroup;
import java.util.List;
import java.util.Map;

/**
 * A DestructionCertificate is written by tenantguard alone, when it has destroyed a tenant's data,
 * and outlives its tenant until its retainUntil, whoever asks, cluster admins included. CEL has no
 * clock, so the API server refuses every deletion but tenantguard's, and tenantguard prunes only
 * past retainUntil. Three more ways to the same end are closed: removing
 * the certificate's finalizer (which also holds it should this policy be removed), and deleting
 * or relabelling its CRD, which would delete every certificate at once: tenantguard labels the
 * CRD while it keeps certificates, and the CRD cannot be deleted while it carries that label.
 */
public final class CertificateProtection {
  public static final String NAME = "tenantguard-protect-destruction-certificates";
  public static final String CRD = "destructioncertificates." + ApiGroup.GROUP;
  /** On the certificates' CRD while certificates are kept. */
  public static final String HELD_LABEL = "tenantguard.io/certificates-held";
  private static final String CERTIFICATES = "request.resource.resource == 'destructioncertificates'";
  private static final String CRDS = "request.resource.resource == 'customresourcedefinitions'";

  private CertificateProtection() {}

  public static AdmissionPolicy policy(String operatorUsername) {
    return new AdmissionPolicy(
        NAME,
        List.of(AdmissionPolicy.rule(ApiGroup.GROUP, List.of("destructioncertificates"), "CREATE", "DELETE", "UPDATE"),
            AdmissionPolicy.rule("apiextensions.k8s.io", List.of("customresourcedefinitions"), "DELETE", "UPDATE")),
        List.of(DataDeletionProtection.notTheOperator(operatorUsername),
            new MatchConditionBuilder().withName("a-certificate-or-their-crd")
                .withExpression(CERTIFICATES + " || request.name == '" + CRD + "'").build()),
        List.of(),
        List.of(
            new ValidationBuilder()
                .withExpression("!(" + CERTIFICATES + " && request.operation == 'CREATE')")
                .withMessage("DestructionCertificates are written by tenantguard alone, once it has destroyed a tenant's"
                    + " data and verified it")
                .withReason("Forbidden")
                .build(),
            new ValidationBuilder()
                .withExpression("!(" + CERTIFICATES + " && request.operation == 'DELETE')")
                .withMessage("a DestructionCertificate is kept until its spec.retainUntil; only tenantguard prunes it")
                .withMessageExpression("'DestructionCertificate ' + request.name + ' proves that the data of tenant '"
                    + " + oldObject.spec.tenant + ' was destroyed: it is kept until its retainUntil '"
                    + " + oldObject.spec.retainUntil + ', then tenantguard prunes it; nobody deletes it earlier'")
                .withReason("Forbidden")
                .build(),
            new ValidationBuilder()
                .withExpression("!(" + CERTIFICATES + " && request.operation == 'UPDATE')"
                    + " || !has(oldObject.metadata.finalizers)"
                    + " || oldObject.metadata.finalizers.all(f, has(object.metadata.finalizers) && f in object.metadata.finalizers)")
                .withMessage("a DestructionCertificate's finalizer keeps it until its spec.retainUntil; only tenantguard removes it")
                .withReason("Forbidden")
                .build(),
            new ValidationBuilder()
                .withExpression("!(" + CRDS + " && request.operation == 'DELETE') || "
                    + DataDeletionProtection.label("oldObject", HELD_LABEL) + " != 'true'")
                .withMessage("the CRD " + CRD + " cannot be deleted while tenantguard keeps DestructionCertificates"
                    + " (label " + HELD_LABEL + "): deleting it would delete every certificate before its retainUntil")
                .withReason("Forbidden")
                .build(),
            new ValidationBuilder()
                .withExpression("!(" + CRDS + " && request.operation == 'UPDATE') || "
                    + DataDeletionProtection.label("object", HELD_LABEL) + " == "
                    + DataDeletionProtection.label("oldObject", HELD_LABEL))
                .withMessage("the label " + HELD_LABEL + " of the CRD " + CRD + " says whether certificates are kept;"
                    + " only tenantguard sets or removes it")
                .withReason("Forbidden")
                .build()),
        Map.of());
  }
}
