package io.tenantguard.api.v1alpha1.region;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.Jurisdiction;
import io.tenantguard.api.v1alpha1.Patterns;
import java.util.List;
import java.util.Map;

public record RegionSpec(
    @JsonPropertyDescription("Human-readable name of the region, shown to clients.")
        @Size(max = 128)
        String displayName,
    @JsonPropertyDescription("ISO 3166-1 alpha-2 code of the country that hosts the region, such as FR.")
        @Required
        @Pattern(Patterns.COUNTRY)
        String country,
    @JsonPropertyDescription("Legal area the region falls under: EU or non-EU.") @Required
        Jurisdiction jurisdiction,
    @JsonPropertyDescription("Availability zones of the region.") @Size(max = 16)
        List<@Size(max = 63) String> zones,
    @JsonPropertyDescription(
            "Named data centres that host the region: HDS requires telling the client where its health data is stored.")
        @Size(max = 16)
        List<@Size(max = 128) String> hostingCentres,
    @JsonPropertyDescription("Certifications the region holds: ISO27001, SNC, HDS.") @Size(max = 8)
        List<Certification> certifications,
    @JsonPropertyDescription(
            "Node labels that pin a pod to this region, such as topology.kubernetes.io/region: eu-west-2.")
        @Required
        @Size(min = 1, max = 8)
        Map<String, @Size(max = 63) String> nodeSelector,
    @JsonPropertyDescription("How encrypted volumes are provisioned in this region.") RegionStorage storage,
    @JsonPropertyDescription("Planned maintenance windows; tenants placed here are told at least 14 days ahead.")
        @Size(max = 32)
        List<MaintenanceWindow> maintenance) {

  public RegionSpec {
    zones = zones == null ? List.of() : List.copyOf(zones);
    hostingCentres = hostingCentres == null ? List.of() : List.copyOf(hostingCentres);
    certifications = certifications == null ? List.of() : List.copyOf(certifications);
    nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
    maintenance = maintenance == null ? List.of() : List.copyOf(maintenance);
  }
}
