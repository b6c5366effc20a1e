package io.tenantguard.api.v1alpha1.classification;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.Jurisdiction;
import io.tenantguard.api.v1alpha1.Patterns;
import io.tenantguard.api.v1alpha1.Requirement;
import java.util.List;

public record Requirements(
    @JsonPropertyDescription("Certifications the region must hold (health data: HDS).") @Size(max = 8)
        List<Certification> certifications,
    @JsonPropertyDescription("ISO 3166-1 alpha-2 codes of the countries allowed to host this data; empty allows any.")
        @Size(max = 64)
        List<@Pattern(Patterns.COUNTRY) String> allowedCountries,
    @JsonPropertyDescription("Jurisdictions allowed to host this data; empty allows any.") @Size(max = 2)
        List<Jurisdiction> allowedJurisdictions,
    @JsonPropertyDescription("Whether volumes must be encrypted at rest: Required or Optional.") @Default("Optional")
        Requirement encryptionAtRest,
    @JsonPropertyDescription("Whether traffic must be encrypted in transit (Ingress with TLS): Required or Optional.")
        @Default("Optional")
        Requirement encryptionInTransit,
    @JsonPropertyDescription(
            "Standard accepts any flow the Tenant declares; Strict refuses declared egress to addresses outside the cluster.")
        @Default("Standard")
        NetworkIsolation networkIsolation,
    @JsonPropertyDescription("Service types tenants may create besides ClusterIP: NodePort, LoadBalancer.")
        @Size(max = 2)
        List<ExposedServiceType> allowedServiceTypes,
    @JsonPropertyDescription("Contact roles a tenant holding this data must name (health data: manager, healthProfessional).")
        @Size(max = 16)
        List<@Size(max = 63) @Pattern(Patterns.CONTACT_ROLE) String> requiredContactRoles,
    @JsonPropertyDescription("How often access rights must be reviewed, as an ISO 8601 duration (SNC: P3M).")
        @Size(min = 3, max = 64)
        @Pattern(Patterns.DURATION)
        String accessReviewInterval,
    @JsonPropertyDescription(
            "How often the client must rotate the keys of this data's volumes, as an ISO 8601 duration (P1Y); a key older than this is a reminder on the Tenant, not a refusal.")
        @Size(min = 3, max = 64)
        @Pattern(Patterns.DURATION)
        String keyRotationInterval) {

  public static final Requirements NONE =
      new Requirements(null, null, null, null, null, null, null, null, null, null);

  public Requirements {
    certifications = certifications == null ? List.of() : List.copyOf(certifications);
    allowedCountries = allowedCountries == null ? List.of() : List.copyOf(allowedCountries);
    allowedJurisdictions = allowedJurisdictions == null ? List.of() : List.copyOf(allowedJurisdictions);
    encryptionAtRest = encryptionAtRest == null ? Requirement.Optional : encryptionAtRest;
    encryptionInTransit = encryptionInTransit == null ? Requirement.Optional : encryptionInTransit;
    networkIsolation = networkIsolation == null ? NetworkIsolation.Standard : networkIsolation;
    allowedServiceTypes = allowedServiceTypes == null ? List.of() : List.copyOf(allowedServiceTypes);
    requiredContactRoles = requiredContactRoles == null ? List.of() : List.copyOf(requiredContactRoles);
  }
}
