package io.tenantguard.api.v1alpha1.certificate;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

public record DestructionCertificateStatus(
    @JsonPropertyDescription("Current state after Kubernetes conventions (Verified: the digest matches the spec).")
        List<Condition> conditions) {}
