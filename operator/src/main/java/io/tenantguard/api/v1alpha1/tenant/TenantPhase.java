package io.tenantguard.api.v1alpha1.tenant;

/** One-word summary of a tenant's status, for tables; conditions carry the detail. */
public enum TenantPhase {
  Provisioning,
  Ready,
  Violated,
  Degraded,
  Suspended,
  Terminated
}
