package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

public record Lifecycle(
    @JsonPropertyDescription(
            "Active; Suspended (writes revoked, workloads stopped); Terminated (access revoked, data kept for the retention period, then destroyed).")
        @Default("Active")
        LifecycleState state,
    @JsonPropertyDescription(
            "Whether the tenant's admins keep read-only access to its data during retention, until status.deletion.dataAccessibleUntil (default true: the data stays accessible).")
        @Default("true")
        Boolean dataRecoveryAccess,
    @JsonPropertyDescription(
            "A legal hold: while set, the data is not destroyed, even past its deadline. Honoured only when every classification of the tenant allows legal holds.")
        LegalHold legalHold) {

  public static final Lifecycle ACTIVE = new Lifecycle(null, null, null);

  public Lifecycle {
    state = state == null ? LifecycleState.Active : state;
    dataRecoveryAccess = dataRecoveryAccess == null ? Boolean.TRUE : dataRecoveryAccess;
  }
}
