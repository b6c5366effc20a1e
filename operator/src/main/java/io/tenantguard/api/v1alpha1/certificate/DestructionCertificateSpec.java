package io.tenantguard.api.v1alpha1.certificate;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.Patterns;
import java.util.List;
import java.util.Map;

/**
 * What was destroyed, when, how and how it was verified, sealed: a digest of each field and of the
 * whole, and an Ed25519 signature over them, so that a copy can be checked offline.
 */
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
    value = "self.retainUntil >= self.destroyedAt",
    message = "the proof must be kept until the destruction it proves, at least",
    fieldPath = ".retainUntil",
    reason = "FieldValueInvalid")
public record DestructionCertificateSpec(
    @JsonPropertyDescription("Name of the destroyed tenant.") @Required @Size(max = 253) String tenant,
    @JsonPropertyDescription("UID of the destroyed tenant.") @Required @Size(max = 64) String tenantUid,
    @JsonPropertyDescription("The client's name.") @Size(max = 128) String displayName,
    @JsonPropertyDescription("Compliance labels the tenant's contract carried.") @Size(max = 3)
        List<Certification> compliance,
    @JsonPropertyDescription("Classes of data the tenant held.") @Size(max = 128)
        List<@Size(max = 253) String> classifications,
    @JsonPropertyDescription("Namespaces destroyed, with their uids and object counts by kind.") @Size(max = 128)
        List<DestroyedNamespace> namespaces,
    @JsonPropertyDescription("Persistent volumes that were bound to the tenant's claims, with reclaim policy and class.")
        @Size(max = 4096)
        List<DestroyedVolume> persistentVolumes,
    @JsonPropertyDescription("When the tenant was terminated.") @Required @Pattern(Patterns.TIMESTAMP)
        String terminatedAt,
    @JsonPropertyDescription("The retention applied after termination, and what set it.") @Size(max = 320)
        String retention,
    @JsonPropertyDescription("End of the retention period.") @Required @Pattern(Patterns.TIMESTAMP)
        String dataAccessibleUntil,
    @JsonPropertyDescription("When the destruction began.") @Pattern(Patterns.TIMESTAMP) String destructionStartedAt,
    @JsonPropertyDescription("When the destruction was verified complete.") @Required @Pattern(Patterns.TIMESTAMP)
        String destroyedAt,
    @JsonPropertyDescription("How long this proof is kept, and what set it.") @Size(max = 320) String proofRetention,
    @JsonPropertyDescription("When this certificate may be deleted: destroyedAt plus proofRetention.") @Required
        @Pattern(Patterns.TIMESTAMP)
        String retainUntil,
    @JsonPropertyDescription("How the data was destroyed, one statement per means.") @Size(max = 64)
        List<@Size(max = 2048) String> method,
    @JsonPropertyDescription("The checks made before certifying, each with what it found.") @Size(max = 256)
        List<@Size(max = 2048) String> verification,
    @JsonPropertyDescription("Version of the operator that destroyed the data.") @Required @Size(max = 64)
        String operatorVersion,
    @JsonPropertyDescription("SHA-256, in hex, of the canonical JSON of every field above.") @Required
        @Size(min = 64, max = 64)
        @Pattern("^[0-9a-f]{64}$")
        String digest,
    @JsonPropertyDescription("SHA-256, in hex, of the canonical JSON of each field above, by field name: which field a change broke.")
        @Size(max = 32)
        Map<String, String> fieldDigests,
    @JsonPropertyDescription("Ed25519 signature of the canonical JSON of every field but the signature.") @Required
        Signature signature) {

  /** An Ed25519 signature and the key that made it. */
  public record Signature(
      @JsonPropertyDescription("Ed25519.") @Size(max = 16) String algorithm,
      @JsonPropertyDescription("SHA-256, in hex, of the public key (X.509 SubjectPublicKeyInfo): the key it verifies with.")
          @Size(max = 64)
          String keyId,
      @JsonPropertyDescription("The signature, in base64.") @Size(max = 128) String value) {}
}
