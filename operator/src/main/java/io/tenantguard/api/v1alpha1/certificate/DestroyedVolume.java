package io.tenantguard.api.v1alpha1.certificate;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

public record DestroyedVolume(
    @JsonPropertyDescription("Name of the persistent volume.") @Size(max = 253) String name,
    @JsonPropertyDescription("The claim it was bound to, as namespace/name.") @Size(max = 317) String claim,
    @JsonPropertyDescription("Its reclaim policy: Delete releases it to its CSI driver, Retain keeps it until an administrator deletes it.")
        @Size(max = 16)
        String reclaimPolicy,
    @JsonPropertyDescription("Its StorageClass.") @Size(max = 253) String storageClass,
    @JsonPropertyDescription("Its CSI driver, when it has one.") @Size(max = 253) String driver,
    @JsonPropertyDescription("Its capacity.") @Size(max = 64) String capacity) {}
