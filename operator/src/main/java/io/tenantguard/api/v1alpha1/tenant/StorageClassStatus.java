package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One of the tenant's encrypted StorageClasses and the key it carries. */
public record StorageClassStatus(
    @JsonPropertyDescription("Name of the StorageClass.") String name,
    @JsonPropertyDescription("Region whose volumes it provisions.") String region,
    @JsonPropertyDescription("The client's key it names to the storage driver.") String keyRef,
    @JsonPropertyDescription(
            "Current: the class new claims must use. Retiring: made for an earlier key or storage setting, kept while a claim or volume uses it, then deleted.")
        StorageClassState state) {}
