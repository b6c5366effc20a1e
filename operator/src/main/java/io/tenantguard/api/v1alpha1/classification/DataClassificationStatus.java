package io.tenantguard.api.v1alpha1.classification;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

public record DataClassificationStatus(
    @JsonPropertyDescription("The generation of the spec this status describes.") Long observedGeneration,
    @JsonPropertyDescription("Tenants with at least one namespace of this classification.") List<String> tenants,
    @JsonPropertyDescription("Current state of the classification, after Kubernetes conventions (Ready).")
        List<Condition> conditions) {

  public DataClassificationStatus {
    tenants = tenants == null ? List.of() : List.copyOf(tenants);
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }
}
