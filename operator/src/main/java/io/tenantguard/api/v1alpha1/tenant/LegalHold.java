package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.tenantguard.api.v1alpha1.Patterns;

/** Why, by whom and since when a tenant's data must not be destroyed (a court order, an investigation). */
public record LegalHold(
    @JsonPropertyDescription("Why the data is held, such as the reference of the court order.") @Required
        @Size(min = 1, max = 1024)
        String reason,
    @JsonPropertyDescription("Who requested the hold.") @Required @Size(min = 1, max = 253) String requestedBy,
    @JsonPropertyDescription("Since when the hold applies, as an RFC 3339 time (2026-03-01T00:00:00Z).") @Required
        @Pattern(Patterns.TIMESTAMP)
        String since) {}
