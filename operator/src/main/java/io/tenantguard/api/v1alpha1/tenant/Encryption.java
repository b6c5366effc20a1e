package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.tenantguard.api.v1alpha1.Patterns;

public record Encryption(
    @JsonPropertyDescription(
            "Identifier of the client's own key (BYOK) in the provider's key service; the tenant's StorageClass names it.")
        @Size(min = 1, max = 2048)
        @Pattern(Patterns.PRINTABLE)
        String keyRef) {}
