package io.tenantguard.api.v1alpha1.tenant;

/** Whether new claims use a tenant StorageClass, or it only serves the volumes made with it. */
public enum StorageClassState {
  Current,
  Retiring
}
