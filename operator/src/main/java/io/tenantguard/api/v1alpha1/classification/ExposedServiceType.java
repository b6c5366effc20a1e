package io.tenantguard.api.v1alpha1.classification;

/** Service types that expose a tenant outside the cluster, refused unless a classification allows them. */
public enum ExposedServiceType {
  NodePort,
  LoadBalancer
}
