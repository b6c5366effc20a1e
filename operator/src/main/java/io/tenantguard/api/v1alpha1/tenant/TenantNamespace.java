package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.tenantguard.api.v1alpha1.Names;
import io.tenantguard.api.v1alpha1.Patterns;

public record TenantNamespace(
    @JsonPropertyDescription("Name of the namespace (DNS-1123 label).") @Required @Size(min = 1, max = 63)
        @Pattern(Patterns.DNS_LABEL)
        String name,
    @JsonPropertyDescription("Name of the Region where the namespace's workloads run.") @Required
        @Size(min = 1, max = Names.MAX_LENGTH)
        @Pattern(Patterns.DNS_SUBDOMAIN)
        String region,
    @JsonPropertyDescription("Name of the DataClassification of the data the namespace holds.") @Required
        @Size(min = 1, max = Names.MAX_LENGTH)
        @Pattern(Patterns.DNS_SUBDOMAIN)
        String classification,
    @JsonPropertyDescription("Quota of this namespace, field by field over the tenant's spec.quota.") Quota quota) {}
