package io.tenantguard.api.v1alpha1.tenant;

/** The fixed set of roles a tenant grants; each maps to the ClusterRole tenantguard-<role>. */
public enum TenantRole {
  admin,
  developer,
  viewer,
  auditor;

  /** The ClusterRole that grants it, bound in each tenant namespace. */
  public String clusterRoleName() {
    return "tenantguard-" + name();
  }
}
