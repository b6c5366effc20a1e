package io.tenantguard.api.v1alpha1.tenant;

/** The kinds of RBAC subject a tenant may grant a role to. */
public enum SubjectKind {
  User,
  Group,
  ServiceAccount
}
