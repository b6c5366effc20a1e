package io.tenantguard.api.v1alpha1.certificate;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

public record DestructionCertificateStatus(
    @JsonPropertyDescription("The public key that verifies the signature, in PEM (X.509 SubjectPublicKeyInfo).")
        String publicKey,
    @JsonPropertyDescription("SHA-256, in hex, of that public key.") String keyId,
    @JsonPropertyDescription("Current state after Kubernetes conventions (Verified: digests and signature match the spec).")
        List<Condition> conditions) {}
