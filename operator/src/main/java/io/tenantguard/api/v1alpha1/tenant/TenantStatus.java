package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

@ValidationRule(
    value = "!has(oldSelf.deletion) || has(self.deletion)",
    message = "a deletion schedule, once written, is never removed",
    fieldPath = ".deletion",
    reason = "FieldValueForbidden")
public record TenantStatus(
    @JsonPropertyDescription(
            "Summary: Provisioning, Ready (every control that applies is Enforced), Degraded, Suspended, Retained, Destroying or Destroyed.")
        TenantPhase phase,
    @JsonPropertyDescription("The generation of the spec this status describes.") Long observedGeneration,
    @JsonPropertyDescription(
            "Current state after Kubernetes conventions: Ready, Isolated, RegionPinned, Reconciling, Stalled...")
        List<Condition> conditions,
    @JsonPropertyDescription("State of each namespace the tenant names or the operator still keeps for it.")
        List<NamespaceStatus> namespaces,
    @JsonPropertyDescription("Regions hosting the tenant's namespaces.") List<String> regions,
    @JsonPropertyDescription("Countries hosting the tenant's data (HDS: the client is told where its data is).")
        List<String> hostingCountries,
    @JsonPropertyDescription("Data centres hosting the tenant's data.") List<String> hostingCentres,
    @JsonPropertyDescription("Every control of the catalogue for this tenant: id, state and reason.")
        List<ControlStatus> controls,
    @JsonPropertyDescription(
            "Digest of the desired objects last applied in full: a write while it is unchanged repairs a drift.")
        String appliedDigest,
    @JsonPropertyDescription(
            "Digest of the current access list (spec.access and the tenant's own RoleBindings): a review counts when spec.accessReview.accessDigest names it.")
        String accessDigest,
    @JsonPropertyDescription("The tenant's encrypted StorageClasses, each with the region it serves and the key it carries.")
        List<StorageClassStatus> storageClasses,
    @JsonPropertyDescription(
            "The deletion schedule once the tenant is Terminated: terminatedAt, dataAccessibleUntil, destroyedAt, and the DestructionCertificate.")
        Deletion deletion) {

  /** The status of a tenant that is not on a deletion schedule, before its access list and classes are known. */
  public TenantStatus(TenantPhase phase, Long observedGeneration, List<Condition> conditions,
      List<NamespaceStatus> namespaces, List<String> regions, List<String> hostingCountries, List<String> hostingCentres,
      List<ControlStatus> controls, String appliedDigest) {
    this(phase, observedGeneration, conditions, namespaces, regions, hostingCountries, hostingCentres, controls,
        appliedDigest, null, null, null);
  }

  public TenantStatus {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    regions = regions == null ? List.of() : List.copyOf(regions);
    hostingCountries = hostingCountries == null ? List.of() : List.copyOf(hostingCountries);
    hostingCentres = hostingCentres == null ? List.of() : List.copyOf(hostingCentres);
    controls = controls == null ? List.of() : List.copyOf(controls);
    storageClasses = storageClasses == null ? List.of() : List.copyOf(storageClasses);
  }
}
