package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Quantity;
import io.tenantguard.api.v1alpha1.QuantityRules;

@SchemaCustomizer(value = QuantityRules.Schema.class, input = "")
public record Resources(
    @JsonPropertyDescription("CPU, such as 500m.") Quantity cpu,
    @JsonPropertyDescription("Memory, such as 512Mi.") Quantity memory,
    @JsonPropertyDescription("Ephemeral (node-local scratch) storage, such as 1Gi.") Quantity ephemeralStorage) {

  /** These resources with every one they leave unset taken from {@code fallback}; null stays null. */
  public Resources over(Resources fallback) {
    if (fallback == null) {
      return this;
    }
    return new Resources(
        cpu != null ? cpu : fallback.cpu,
        memory != null ? memory : fallback.memory,
        ephemeralStorage != null ? ephemeralStorage : fallback.ephemeralStorage);
  }
}
