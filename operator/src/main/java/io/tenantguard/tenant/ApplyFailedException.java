package io.tenantguard.tenant;

import io.tenantguard.api.v1alpha1.tenant.TenantStatus;

/** Applying a tenant's plan failed: carries the status to write before JOSDK retries with backoff. */
final class ApplyFailedException extends RuntimeException {
  private final transient TenantStatus status;

  ApplyFailedException(TenantStatus status, String message) {
    super(message);
    this.status = status;
  }

  TenantStatus status() {
    return status;
  }
}
