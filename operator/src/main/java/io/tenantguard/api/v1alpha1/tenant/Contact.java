package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.tenantguard.api.v1alpha1.Patterns;

public record Contact(
    @JsonPropertyDescription("Full name of the person.") @Required @Size(min = 1, max = 128)
        @Pattern(Patterns.PRINTABLE)
        String name,
    @JsonPropertyDescription("E-mail address.") @Required @Size(max = 254) @Pattern(Patterns.EMAIL) String email,
    @JsonPropertyDescription(
            "What the person answers for: manager, security, dpo, healthProfessional, or a role of the platform's own.")
        @Required
        @Size(min = 1, max = 63)
        @Pattern(Patterns.CONTACT_ROLE)
        String role) {}
