package io.tenantguard.api.v1alpha1.region;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.tenantguard.api.v1alpha1.Patterns;
import java.time.OffsetDateTime;
import java.util.List;

@ValidationRule(value = "self.end > self.start", message = "end must be after start", fieldPath = ".end")
public record MaintenanceWindow(
    @JsonPropertyDescription("What the maintenance is about, shown to tenants.") @Size(max = 256)
        @Pattern(Patterns.PRINTABLE)
        String description,
    @JsonPropertyDescription("When the window opens (RFC 3339).") @Required OffsetDateTime start,
    @JsonPropertyDescription("When the window closes (RFC 3339).") @Required OffsetDateTime end,
    @JsonPropertyDescription("Zones affected; empty means the whole region.") @Size(max = 16)
        List<@Size(max = 63) @Pattern(Patterns.LABEL_VALUE) String> zones) {

  public MaintenanceWindow {
    zones = zones == null ? List.of() : List.copyOf(zones);
  }
}
