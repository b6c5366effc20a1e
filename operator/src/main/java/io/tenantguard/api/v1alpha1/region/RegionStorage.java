package io.tenantguard.api.v1alpha1.region;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.tenantguard.api.v1alpha1.Patterns;
import java.util.Map;

public record RegionStorage(
    @JsonPropertyDescription("The CSI driver that provisions volumes in this region.") @Required @Size(max = 253)
        @Pattern(Patterns.LABEL_KEY)
        String provisioner,
    @JsonPropertyDescription("StorageClass parameters that make its volumes encrypted, such as encrypted: \"true\".")
        @Size(max = 16)
        Map<String, @Size(max = 253) String> parameters,
    @JsonPropertyDescription(
            "The StorageClass parameter that names the encryption key, such as kmsKeyId; it receives the tenant's keyRef.")
        @Size(max = 63)
        String keyParameter) {

  public RegionStorage {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
