package io.tenantguard.api.v1alpha1.certificate;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import io.tenantguard.api.v1alpha1.ApiGroup;

/** Immutable proof that a terminated tenant's data was destroyed, kept until retainUntil. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@AdditionalPrinterColumn(name = "Tenant", jsonPath = ".spec.tenant", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Destroyed", jsonPath = ".spec.destroyedAt", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Retain-Until", jsonPath = ".spec.retainUntil", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DestructionCertificate
    extends CustomResource<DestructionCertificateSpec, DestructionCertificateStatus> {
  /**
   * Required: a certificate is its proof. Were it not, the SDK's server-side apply of the finalizer
   * to a certificate deleted meanwhile would create an empty one instead of failing.
   */
  @Override
  @Required
  public DestructionCertificateSpec getSpec() {
    return super.getSpec();
  }
}
