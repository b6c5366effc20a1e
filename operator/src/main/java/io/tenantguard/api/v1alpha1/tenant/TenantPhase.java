package io.tenantguard.api.v1alpha1.tenant;

/** One-word summary of a tenant's status, for tables; conditions carry the detail. */
public enum TenantPhase {
  /** Its objects are being applied for the first time. */
  Provisioning,
  /** Every control that applies to it is Enforced. */
  Ready,
  /** Something that applies is not Enforced: the Ready condition says what. */
  Degraded,
  Suspended,
  Retained,
  Destroying,
  Destroyed
}
