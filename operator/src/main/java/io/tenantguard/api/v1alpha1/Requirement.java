package io.tenantguard.api.v1alpha1;

/** Whether a control is mandatory for a data classification. */
public enum Requirement {
  Required,
  Optional
}
