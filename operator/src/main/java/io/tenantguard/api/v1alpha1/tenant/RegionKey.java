package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.tenantguard.api.v1alpha1.Names;
import io.tenantguard.api.v1alpha1.Patterns;
import java.time.OffsetDateTime;

/** The client's key for one region. */
public record RegionKey(
    @JsonPropertyDescription("Name of the Region whose volumes use this key.")
        @Required
        @Size(min = 1, max = Names.MAX_LENGTH)
        @Pattern(Patterns.DNS_SUBDOMAIN)
        String region,
    @JsonPropertyDescription("Identifier of the client's key in that region's key service. Never key material.")
        @Required
        @Size(min = 1, max = 2048)
        @Pattern(Patterns.PRINTABLE)
        String keyRef,
    @JsonPropertyDescription("When the client last created or rotated this key (RFC 3339).") OffsetDateTime keyRotatedAt) {}
