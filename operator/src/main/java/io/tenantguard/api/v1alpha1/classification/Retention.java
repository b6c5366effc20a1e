package io.tenantguard.api.v1alpha1.classification;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.tenantguard.api.v1alpha1.Patterns;

public record Retention(
    @JsonPropertyDescription(
            "How long data stays accessible after the tenant is terminated, as an ISO 8601 duration (default P90D).")
        @Default("P90D")
        @Size(min = 3, max = 64)
        @Pattern(Patterns.DURATION)
        String afterTermination,
    @JsonPropertyDescription("How long the proof of destruction is kept, as an ISO 8601 duration (default P365D).")
        @Default("P365D")
        @Size(min = 3, max = 64)
        @Pattern(Patterns.DURATION)
        String destructionProof,
    @JsonPropertyDescription("Whether a legal hold may stop the destruction of a tenant holding this data.")
        @Default("true")
        Boolean legalHoldAllowed) {

  public static final Retention DEFAULT = new Retention(null, null, null);

  public Retention {
    afterTermination = afterTermination == null ? "P90D" : afterTermination;
    destructionProof = destructionProof == null ? "P365D" : destructionProof;
    legalHoldAllowed = legalHoldAllowed == null ? Boolean.TRUE : legalHoldAllowed;
  }
}
