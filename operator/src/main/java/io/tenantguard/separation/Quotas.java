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
import java.util.Set;

/**
 * The ResourceQuota and LimitRange of one tenant namespace. The quota also holds node ports and
 * LoadBalancer Services at zero unless the classification allows them, so the API server itself
 * refuses a tenant's attempt to expose itself. A LoadBalancer Service opens node ports too, unless
 * it sets {@code allocateLoadBalancerNodePorts: false}.
 */
public final class Quotas {
  public static final String QUOTA = "tenantguard-quota";
  public static final String LIMITS = "tenantguard-limits";
  private static final Quantity ZERO = new Quantity("0");

  private Quotas() {}

  /** Core kinds the quota counts under a name of their own; every other creatable kind is counted per kind. */
  private static final Set<String> COUNTED_BY_NAME =
      Set.of("pods", "services", "configmaps", "secrets", "persistentvolumeclaims", "replicationcontrollers",
          "resourcequotas");

  /**
   * The quota of one namespace. It bounds compute (CPU, memory and ephemeral storage, requests and
   * limits), storage, and the count of every kind a tenant role may create: the fairness checks of
   * the Kubernetes multi-tenancy benchmarks (MTB-PL1-CC-FNS-1, FNS-2).
   */
  public static ResourceQuota quota(
      String tenant, String namespace, Quota quota, List<ExposedServiceType> allowedServiceTypes) {
    Map<String, Quantity> hard = new LinkedHashMap<>();
    put(hard, quota.cpu(), "requests.cpu", "limits.cpu");
    put(hard, quota.memory(), "requests.memory", "limits.memory");
    put(hard, quota.ephemeralStorage(), "requests.ephemeral-storage", "limits.ephemeral-storage");
    put(hard, quota.storage(), "requests.storage");
    put(hard, quota.pods(), "pods");
    put(hard, quota.services(), "services");
    put(hard, quota.configMaps(), "configmaps");
    put(hard, quota.secrets(), "secrets");
    put(hard, quota.persistentVolumeClaims(), "persistentvolumeclaims");
    put(hard, quota.replicationControllers(), "replicationcontrollers");
    put(hard, quota.resourceQuotas(), "resourcequotas");
    put(hard, allowedServiceTypes.contains(ExposedServiceType.NodePort) ? quota.nodePorts() : ZERO,
        "services.nodeports");
    put(hard, allowedServiceTypes.contains(ExposedServiceType.LoadBalancer) ? quota.loadBalancers() : ZERO,
        "services.loadbalancers");
    TenantRoles.creatableKinds().forEach((group, resources) -> resources.stream()
        .filter(resource -> !(group.isEmpty() && COUNTED_BY_NAME.contains(resource)))
        .forEach(resource -> put(hard, quota.objectsPerKind(), objectCount(group, resource))));
    return new ResourceQuotaBuilder()
        .withMetadata(Labels.ownedMetadata(tenant, namespace, QUOTA))
        .withNewSpec()
        .withHard(hard)
        .endSpec()
        .build();
  }

  /** The quota's name for the number of objects of a kind: count/deployments.apps, count/serviceaccounts. */
  static String objectCount(String group, String resource) {
    return "count/" + resource + (group.isEmpty() ? "" : "." + group);
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
    if (resources.ephemeralStorage() != null) {
      map.put("ephemeral-storage", resources.ephemeralStorage());
    }
    return map.isEmpty() ? null : map;
  }
}
