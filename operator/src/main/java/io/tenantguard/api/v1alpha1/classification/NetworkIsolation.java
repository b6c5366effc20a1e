package io.tenantguard.api.v1alpha1.classification;

/** How far a classification lets a tenant's declared flows reach. */
public enum NetworkIsolation {
  /** Any flow the Tenant declares is allowed. */
  Standard,
  /** Declared egress to addresses outside the cluster is refused. */
  Strict
}
