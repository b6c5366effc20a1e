package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

public record AccessGrant(
    @JsonPropertyDescription("The person, group or workload granted the role.") @Required Subject subject,
    @JsonPropertyDescription("The role: admin, developer, viewer or auditor.") @Required TenantRole role) {}
