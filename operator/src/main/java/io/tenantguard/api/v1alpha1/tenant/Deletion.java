package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.tenantguard.api.v1alpha1.certificate.DestroyedNamespace;
import io.tenantguard.api.v1alpha1.certificate.DestroyedVolume;
import java.util.List;

/**
 * The deletion schedule of a terminated tenant. Each time is written once: no restart, resync,
 * edit or clock change moves a deadline, and the API server refuses any change to one written.
 */
@ValidationRule(
    value = "!has(oldSelf.terminatedAt) || (has(self.terminatedAt) && self.terminatedAt == oldSelf.terminatedAt)",
    message = "terminatedAt is written once and never changes",
    fieldPath = ".terminatedAt",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "!has(oldSelf.dataAccessibleUntil)"
        + " || (has(self.dataAccessibleUntil) && self.dataAccessibleUntil == oldSelf.dataAccessibleUntil)",
    message = "dataAccessibleUntil is written once and never changes: no edit moves the destruction of data",
    fieldPath = ".dataAccessibleUntil",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "!has(oldSelf.destroyedAt) || (has(self.destroyedAt) && self.destroyedAt == oldSelf.destroyedAt)",
    message = "destroyedAt is written once and never changes",
    fieldPath = ".destroyedAt",
    reason = "FieldValueForbidden")
public record Deletion(
    @JsonPropertyDescription("When the operator first saw the tenant Terminated.") @Size(max = 64) String terminatedAt,
    @JsonPropertyDescription(
            "The retention applied: the longest retention.afterTermination of the tenant's classifications, at least the platform's floor.")
        @Size(max = 320)
        String retention,
    @JsonPropertyDescription(
            "Until when the data is kept and readable by the tenant's admins: terminatedAt plus the retention, at the next midnight of the platform's time zone when the retention counts whole days.")
        @Size(max = 64)
        String dataAccessibleUntil,
    @JsonPropertyDescription("When the tenant's own RoleBindings and ServiceAccount token Secrets were deleted.")
        @Size(max = 64)
        String accessRevokedAt,
    @JsonPropertyDescription("When the destruction began: what is destroyed was counted then.") @Size(max = 64)
        String destructionStartedAt,
    @JsonPropertyDescription("The namespaces being destroyed, with their uids and object counts.") @Size(max = 128)
        List<DestroyedNamespace> namespaces,
    @JsonPropertyDescription("The persistent volumes bound to the tenant's claims when the destruction began.")
        @Size(max = 4096)
        List<DestroyedVolume> persistentVolumes,
    @JsonPropertyDescription("When the destruction was verified complete.") @Size(max = 64) String destroyedAt,
    @JsonPropertyDescription("Name of the DestructionCertificate that proves it.") @Size(max = 253) String certificate) {

  /** A schedule that has just begun. */
  public static Deletion terminated(String terminatedAt, String retention, String dataAccessibleUntil) {
    return new Deletion(terminatedAt, retention, dataAccessibleUntil, null, null, null, null, null, null);
  }

  public Deletion withAccessRevokedAt(String when) {
    return new Deletion(terminatedAt, retention, dataAccessibleUntil, when, destructionStartedAt, namespaces,
        persistentVolumes, destroyedAt, certificate);
  }

  public Deletion withInventory(String startedAt, List<DestroyedNamespace> destroyed, List<DestroyedVolume> volumes) {
    return new Deletion(terminatedAt, retention, dataAccessibleUntil, accessRevokedAt, startedAt, destroyed, volumes,
        destroyedAt, certificate);
  }

  public Deletion withDestroyed(String when, String certificateName) {
    return new Deletion(terminatedAt, retention, dataAccessibleUntil, accessRevokedAt, destructionStartedAt,
        namespaces, persistentVolumes, when, certificateName);
  }
}
