package io.tenantguard.kube;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;

/** Labels every object tenantguard creates carries, so it can be listed, watched and protected. */
public final class Labels {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "tenantguard";
  public static final String TENANT = "tenantguard.io/tenant";
  public static final String REGION = "tenantguard.io/region";
  public static final String CLASSIFICATION = "tenantguard.io/classification";
  /** On a namespace removed from its Tenant's spec: kept with its data, and deletable by an administrator. */
  public static final String RETAINED = "tenantguard.io/retained";
  /** Label selector an informer uses so that its cache holds only what tenantguard manages. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGER;

  private Labels() {}

  /** The labels that mark an object as tenantguard's, made for {@code tenant}. */
  public static Map<String, String> owned(String tenant) {
    return Map.of(MANAGED_BY, MANAGER, TENANT, tenant);
  }

  /** The metadata of an object tenantguard makes in a tenant namespace for {@code tenant}. */
  public static ObjectMeta ownedMetadata(String tenant, String namespace, String name) {
    return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(owned(tenant)).build();
  }
}
