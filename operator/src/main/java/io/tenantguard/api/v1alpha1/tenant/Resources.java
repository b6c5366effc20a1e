package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;

public record Resources(
    @JsonPropertyDescription("CPU, such as 500m.") Quantity cpu,
    @JsonPropertyDescription("Memory, such as 512Mi.") Quantity memory) {}
