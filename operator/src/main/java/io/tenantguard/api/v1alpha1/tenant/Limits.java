package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.tenantguard.api.v1alpha1.QuantityRules;

/** Container defaults written into each namespace's LimitRange. */
@SchemaCustomizer(value = QuantityRules.LimitsInOrder.class, input = "")
public record Limits(
    @JsonPropertyDescription("Requests given to containers that set none.") Resources defaultRequest,
    @JsonProperty("default") @JsonPropertyDescription("Limits given to containers that set none.")
        Resources defaultLimit,
    @JsonPropertyDescription("The most one container may ask for.") Resources max) {

  public static final Limits NONE = new Limits(null, null, null);
}
