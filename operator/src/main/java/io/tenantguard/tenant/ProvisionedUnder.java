package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tenantguard.api.v1alpha1.classification.Requirements;
import java.util.Map;
import java.util.Optional;

/**
 * The requirements a namespace was provisioned under, recorded on it: when its DataClassification
 * disappears, the namespace keeps that protection instead of falling back to none (fail closed).
 */
final class ProvisionedUnder {
  static final String ANNOTATION = "tenantguard.io/provisioned-under";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private ProvisionedUnder() {}

  static Map<String, String> annotation(Requirements requirements) {
    return Map.of(ANNOTATION, JSON.asJson(requirements));
  }

  static Optional<Requirements> recorded(Namespace namespace) {
    if (namespace == null || namespace.getMetadata().getAnnotations() == null) {
      return Optional.empty();
    }
    String recorded = namespace.getMetadata().getAnnotations().get(ANNOTATION);
    return recorded == null ? Optional.empty() : Optional.of(JSON.unmarshal(recorded, Requirements.class));
  }
}
