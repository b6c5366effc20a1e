package io.tenantguard.api.v1alpha1;

/** A certification a region holds, or a compliance label a tenant's contract carries. */
public enum Certification {
  ISO27001,
  SNC,
  HDS
}
