package io.tenantguard.separation;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItemBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.tenantguard.api.v1alpha1.classification.ExposedServiceType;
import io.tenantguard.api.v1alpha1.tenant.Limits;
import io.tenantguard.api.v1alpha1.tenant.Quota;
import io.tenantguard.api.v1alpha1.tenant.Resources;
import io.tenantguard.kube.Labels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ResourceQuota and LimitRange of one tenant namespace. The quota also holds NodePort and
 * LoadBalancer Services at zero unless the classification allows them, so the API server itself
 * refuses a tenant's attempt to expose itself.
 */
public final class Quotas {
  public static final String QUOTA = "tenantguard-quota";
  public static final String LIMITS = "tenantguard-limits";

  private Quotas() {}

  public static ResourceQuota quota(
      String tenant, String namespace, Quota quota, List<ExposedServiceType> allowedServiceTypes) {
    Map<String, Quantity> hard = new LinkedHashMap<>();
    put(hard, quota.cpu(), "requests.cpu", "limits.cpu");
    put(hard, quota.memory(), "requests.memory", "limits.memory");
    put(hard, quota.storage(), "requests.storage");
    put(hard, quota.pods(), "pods");
    put(hard, quota.services(), "services");
    put(hard, quota.configMaps(), "configmaps");
    put(hard, quota.secrets(), "secrets");
    put(hard, quota.persistentVolumeClaims(), "persistentvolumeclaims");
    if (!allowedServiceTypes.contains(ExposedServiceType.NodePort)) {
      hard.put("services.nodeports", new Quantity("0"));
    }
    if (!allowedServiceTypes.contains(ExposedServiceType.LoadBalancer)) {
      hard.put("services.loadbalancers", new Quantity("0"));
    }
    return new ResourceQuotaBuilder()
        .withMetadata(Labels.ownedMetadata(tenant, namespace, QUOTA))
        .withNewSpec()
        .withHard(hard)
        .endSpec()
        .build();
  }

  public static LimitRange limitRange(String tenant, String namespace, Limits limits) {
    return new LimitRangeBuilder()
        .withMetadata(Labels.ownedMetadata(tenant, namespace, LIMITS))
        .withNewSpec()
        .withLimits(
            new LimitRangeItemBuilder()
                .withType("Container")
                .withDefaultRequest(resources(limits.defaultRequest()))
                .withDefault(resources(limits.defaultLimit()))
                .withMax(resources(limits.max()))
                .build())
        .endSpec()
        .build();
  }

  private static void put(Map<String, Quantity> hard, Quantity value, String... names) {
    if (value != null) {
      for (String name : names) {
        hard.put(name, value);
      }
    }
  }

  /** Null when unset, so that the LimitRange leaves the field out rather than writing an empty map. */
  private static Map<String, Quantity> resources(Resources resources) {
    if (resources == null) {
      return null;
    }
    Map<String, Quantity> map = new LinkedHashMap<>();
    if (resources.cpu() != null) {
      map.put("cpu", resources.cpu());
    }
    if (resources.memory() != null) {
      map.put("memory", resources.memory());
    }
    return map.isEmpty() ? null : map;
  }
}
