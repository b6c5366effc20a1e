package io.tenantguard.api.v1alpha1.tenant;

/** Where a tenant stands in its contract. */
public enum LifecycleState {
  Active,
  Suspended,
  Terminated
}
