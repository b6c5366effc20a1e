package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

public record Lifecycle(
    @JsonPropertyDescription(
            "Active; Suspended (writes revoked, workloads stopped); Terminated (access revoked, data kept for the retention period, then destroyed).")
        @Default("Active")
        LifecycleState state,
    @JsonPropertyDescription("Whether the tenant keeps read-only access to its data during retention.")
        @Default("false")
        Boolean dataRecoveryAccess,
    @JsonPropertyDescription("Whether a legal hold stops the destruction of the tenant's data.") @Default("false")
        Boolean legalHold) {

  public static final Lifecycle ACTIVE = new Lifecycle(null, null, null);

  public Lifecycle {
    state = state == null ? LifecycleState.Active : state;
    dataRecoveryAccess = dataRecoveryAccess == null ? Boolean.FALSE : dataRecoveryAccess;
    legalHold = legalHold == null ? Boolean.FALSE : legalHold;
  }
}
