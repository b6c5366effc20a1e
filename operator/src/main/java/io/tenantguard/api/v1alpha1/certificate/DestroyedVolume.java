package io.tenantguard.api.v1alpha1.certificate;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

public record DestroyedVolume(
    @JsonPropertyDescription("Name of the persistent volume.") @Size(max = 253) String name,
    @JsonPropertyDescription("Its reclaim policy (Delete destroys the data with the claim).") @Size(max = 16)
        String reclaimPolicy) {}
