package io.tenantguard.api.v1alpha1.certificate;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.tenantguard.api.v1alpha1.Certification;
import java.time.OffsetDateTime;
import java.util.List;

@ValidationRule(
    value = "self == oldSelf",
    message = "a DestructionCertificate is immutable once written",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "self.dataAccessibleUntil >= self.terminatedAt",
    message = "the retention cannot end before the tenant was terminated",
    fieldPath = ".dataAccessibleUntil",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = "self.destroyedAt >= self.dataAccessibleUntil",
    message = "data cannot be destroyed before the end of its retention (dataAccessibleUntil)",
    fieldPath = ".destroyedAt",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = "self.retainUntil > self.destroyedAt",
    message = "the proof must be kept after the destruction it proves",
    fieldPath = ".retainUntil",
    reason = "FieldValueInvalid")
public record DestructionCertificateSpec(
    @JsonPropertyDescription("Name of the destroyed tenant.") @Required @Size(max = 253) String tenant,
    @JsonPropertyDescription("UID of the destroyed tenant.") @Required @Size(max = 64) String tenantUid,
    @JsonPropertyDescription("Compliance labels the tenant's contract carried.") @Size(max = 3)
        List<Certification> compliance,
    @JsonPropertyDescription("Namespaces destroyed, with their uids and object counts.") @Size(max = 128)
        List<DestroyedNamespace> namespaces,
    @JsonPropertyDescription("Persistent volumes released, with their reclaim policy.") @Size(max = 4096)
        List<DestroyedVolume> persistentVolumes,
    @JsonPropertyDescription("When the tenant was terminated.") @Required OffsetDateTime terminatedAt,
    @JsonPropertyDescription("End of the retention period.") @Required OffsetDateTime dataAccessibleUntil,
    @JsonPropertyDescription("When the destruction completed.") @Required OffsetDateTime destroyedAt,
    @JsonPropertyDescription("Version of the operator that destroyed the data.") @Required @Size(max = 64)
        String operatorVersion,
    @JsonPropertyDescription("SHA-256 digest, in hex, of the canonical form of the fields above.") @Required
        @Size(min = 64, max = 64)
        @Pattern("^[0-9a-f]{64}$")
        String digest,
    @JsonPropertyDescription("When this certificate may be deleted.") @Required OffsetDateTime retainUntil) {}
