package io.tenantguard.api.v1alpha1.certificate;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

public record DestroyedNamespace(
    @JsonPropertyDescription("Name of the namespace.") @Size(max = 63) String name,
    @JsonPropertyDescription("Its uid.") @Size(max = 64) String uid,
    @JsonPropertyDescription("The Region it was placed in.") @Size(max = 253) String region,
    @JsonPropertyDescription("The class of data it held.") @Size(max = 253) String classification,
    @JsonPropertyDescription(
            "How many objects of each kind it held when the destruction began, from its ResourceQuota's usage (Secrets are counted, never read).")
        @Size(max = 64)
        Map<String, Long> objectCounts) {}
