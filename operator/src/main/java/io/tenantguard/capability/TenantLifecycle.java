package io.tenantguard.capability;

import io.tenantguard.api.v1alpha1.tenant.Deletion;
import java.time.Instant;

/**
 * The lifecycle of one tenant as the capabilities see it.
 *
 * @param deletion the deletion schedule to write in status, or null for a tenant never terminated
 * @param recoveryAccess whether the tenant's admins read its data now (terminated, within
 *     retention, {@code spec.lifecycle.dataRecoveryAccess})
 * @param progress what the destruction is doing or waiting for, or null
 * @param recheckAt when the destruction must be looked at again, or null
 * @param failure why what the stage requires (stopping workloads, revoking access, destroying)
 *     could not be done this time, or null
 */
public record TenantLifecycle(LifecycleStage stage, Deletion deletion, boolean recoveryAccess, String progress,
    Instant recheckAt, String failure) {
  public static final TenantLifecycle ACTIVE = of(LifecycleStage.Active, null, false);

  public static TenantLifecycle of(LifecycleStage stage, Deletion deletion, boolean recoveryAccess) {
    return new TenantLifecycle(stage, deletion, recoveryAccess, null, null, null);
  }

  public TenantLifecycle withDeletion(Deletion next) {
    return new TenantLifecycle(stage, next, recoveryAccess, progress, recheckAt, failure);
  }

  public TenantLifecycle withProgress(Deletion next, String message, Instant recheck) {
    return new TenantLifecycle(stage, next, recoveryAccess, message, recheck, failure);
  }

  public TenantLifecycle destroyed(Deletion next) {
    return new TenantLifecycle(LifecycleStage.Destroyed, next, false, null, null, null);
  }

  public TenantLifecycle failed(String why, Instant recheck) {
    return new TenantLifecycle(stage, deletion, recoveryAccess, progress, recheck, why);
  }
}
