package io.tenantguard.separation;

import io.fabric8.kubernetes.api.model.Quantity;
import io.tenantguard.api.v1alpha1.tenant.Limits;
import io.tenantguard.api.v1alpha1.tenant.Quota;
import io.tenantguard.api.v1alpha1.tenant.Resources;

/**
 * What a namespace gets where its Tenant sets no quota or limits: the operator's configuration, so
 * that no tenant namespace is ever without a ceiling.
 */
public record SeparationDefaults(Quota quota, Limits limits) {

  public static final SeparationDefaults STANDARD =
      new SeparationDefaults(
          new Quota(
              new Quantity("4"),
              new Quantity("8Gi"),
              new Quantity("100Gi"),
              new Quantity("50"),
              new Quantity("20"),
              new Quantity("100"),
              new Quantity("100"),
              new Quantity("20")),
          new Limits(
              new Resources(new Quantity("100m"), new Quantity("128Mi")),
              new Resources(new Quantity("500m"), new Quantity("512Mi")),
              null));
}
