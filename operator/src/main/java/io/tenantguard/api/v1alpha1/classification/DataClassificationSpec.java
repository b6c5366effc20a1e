package io.tenantguard.api.v1alpha1.classification;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.tenantguard.api.v1alpha1.Patterns;

public record DataClassificationSpec(
    @JsonPropertyDescription("What this class of data covers, shown to clients and auditors.") @Size(max = 512)
        @Pattern(Patterns.PRINTABLE_LINES)
        String description,
    @JsonPropertyDescription("Where and how data of this class may be hosted.") Requirements requirements,
    @JsonPropertyDescription("How long data of this class is kept after its tenant is terminated.") Retention retention) {

  public DataClassificationSpec {
    requirements = requirements == null ? Requirements.NONE : requirements;
    retention = retention == null ? Retention.DEFAULT : retention;
  }
}
