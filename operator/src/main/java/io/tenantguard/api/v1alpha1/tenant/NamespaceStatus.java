package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public record NamespaceStatus(
    @JsonPropertyDescription("Name of the namespace.") String name,
    @JsonPropertyDescription("Region it is placed in.") String region,
    @JsonPropertyDescription("Classification of the data it holds.") String classification,
    @JsonPropertyDescription(
            "Provisioned; Refused (a placement rule forbids it); Conflict (the namespace exists and is not this tenant's); Violated (provisioned, but a placement rule now fails: data is not moved); Retained (removed from spec, data kept until the lifecycle destroys it); Destroying, Destroyed (its terminated tenant's data is being, or was, destroyed).")
        NamespaceState state,
    @JsonPropertyDescription("Why the namespace is in this state.") String message) {}
