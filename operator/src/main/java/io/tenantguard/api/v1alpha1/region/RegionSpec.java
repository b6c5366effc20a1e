package io.tenantguard.api.v1alpha1.region;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.Jurisdiction;
import io.tenantguard.api.v1alpha1.Patterns;
import java.util.List;
import java.util.Map;

@ValidationRule(
    value = "self.nodeSelector.all(k, k.matches(r'" + Patterns.LABEL_KEY + "'))",
    message = "keys must be label keys, such as topology.kubernetes.io/region",
    fieldPath = ".nodeSelector",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = "!has(self.certifications) || !self.certifications.exists(c, c == 'SNC') || self.jurisdiction == 'EU'",
    message = "a region certified SNC (SecNumCloud) must be under EU jurisdiction",
    fieldPath = ".jurisdiction",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = "!has(self.maintenance) || self.maintenance.all(m, !has(m.zones)"
        + " || m.zones.all(z, has(self.zones) && self.zones.exists(y, y == z)))",
    message = "a maintenance window may only name zones of the region (spec.zones)",
    fieldPath = ".maintenance",
    reason = "FieldValueInvalid")
public record RegionSpec(
    @JsonPropertyDescription("Human-readable name of the region, shown to clients.")
        @Size(max = 128)
        @Pattern(Patterns.PRINTABLE)
        String displayName,
    @JsonPropertyDescription("ISO 3166-1 alpha-2 code of the country that hosts the region, such as FR.")
        @Required
        @Pattern(Patterns.COUNTRY)
        String country,
    @JsonPropertyDescription("Legal area the region falls under: EU or non-EU.") @Required
        Jurisdiction jurisdiction,
    @JsonPropertyDescription("Availability zones of the region.") @Size(max = 16)
        List<@Size(max = 63) @Pattern(Patterns.LABEL_VALUE) String> zones,
    @JsonPropertyDescription(
            "Named data centres that host the region: HDS requires telling the client where its health data is stored.")
        @Size(max = 16)
        List<@Size(max = 128) @Pattern(Patterns.PRINTABLE) String> hostingCentres,
    @JsonPropertyDescription("Certifications the region holds: ISO27001, SNC, HDS.") @Size(max = 8)
        List<Certification> certifications,
    @JsonPropertyDescription(
            "Node labels that pin a pod to this region, such as topology.kubernetes.io/region: eu-west-2.")
        @Required
        @Size(min = 1, max = 8)
        Map<String, @Size(max = 63) @Pattern(Patterns.LABEL_VALUE) String> nodeSelector,
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
