package io.tenantguard.api.v1alpha1.tenant;

/** What the operator did with one namespace of a tenant. */
public enum NamespaceState {
  Provisioned,
  Refused,
  Conflict,
  Violated,
  Retained,
  /** Its tenant's data is being destroyed: the namespace is deleted and waited for. */
  Destroying,
  /** Destroyed with its tenant's data. */
  Destroyed
}
