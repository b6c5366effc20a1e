package io.tenantguard.api.v1alpha1.region;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

public record RegionStatus(
    @JsonPropertyDescription("The generation of the spec this status describes.") Long observedGeneration,
    @JsonPropertyDescription("How many nodes carry every label of spec.nodeSelector.") Integer matchingNodes,
    @JsonPropertyDescription("Tenants with at least one namespace placed in this region.") List<String> tenants,
    @JsonPropertyDescription("Current state of the region, after Kubernetes conventions (Ready).") List<Condition> conditions) {

  public RegionStatus {
    tenants = tenants == null ? List.of() : List.copyOf(tenants);
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }
}
