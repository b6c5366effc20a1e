package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Quantity;
import io.tenantguard.api.v1alpha1.QuantityRules;

/**
 * Ceilings of one namespace; integers and quantities both work (pods: 20 or pods: "20"). Object
 * counts include what tenantguard itself keeps in the namespace (its ResourceQuota, RoleBindings and
 * NetworkPolicies).
 */
@SchemaCustomizer(value = QuantityRules.Schema.class, input = QuantityRules.QUOTA_COUNTS)
public record Quota(
    @JsonPropertyDescription("Total CPU requests and limits, such as 4 or 4000m.") Quantity cpu,
    @JsonPropertyDescription("Total memory requests and limits, such as 8Gi.") Quantity memory,
    @JsonPropertyDescription("Total storage requested by persistent volume claims, such as 100Gi.") Quantity storage,
    @JsonPropertyDescription("Total ephemeral (node-local scratch) storage requests and limits, such as 20Gi.")
        Quantity ephemeralStorage,
    @JsonPropertyDescription("Number of pods.") Quantity pods,
    @JsonPropertyDescription("Number of services.") Quantity services,
    @JsonPropertyDescription("Number of config maps.") Quantity configMaps,
    @JsonPropertyDescription("Number of secrets.") Quantity secrets,
    @JsonPropertyDescription("Number of persistent volume claims.") Quantity persistentVolumeClaims,
    @JsonPropertyDescription("Number of replication controllers (the tenant roles grant none: 0 by default).")
        Quantity replicationControllers,
    @JsonPropertyDescription("Number of resource quotas (tenantguard's own counts: 1 by default).")
        Quantity resourceQuotas,
    @JsonPropertyDescription(
            "Number of node ports NodePort and LoadBalancer services may open, where the classification allows"
                + " NodePort services; held at 0 otherwise.")
        Quantity nodePorts,
    @JsonPropertyDescription(
            "Number of LoadBalancer services, where the classification allows them; held at 0 otherwise.")
        Quantity loadBalancers,
    @JsonPropertyDescription(
            "Number of objects of each other kind the tenant roles may create (Deployments, StatefulSets, ReplicaSets,"
                + " Jobs, CronJobs, HorizontalPodAutoscalers, Ingresses, PodDisruptionBudgets, ServiceAccounts, Roles,"
                + " RoleBindings, NetworkPolicies), counted kind by kind.")
        Quantity objectsPerKind) {

  public static final Quota NONE =
      new Quota(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  /** This quota with every field it leaves unset taken from {@code fallback}. */
  public Quota over(Quota fallback) {
    return new Quota(
        first(cpu, fallback.cpu),
        first(memory, fallback.memory),
        first(storage, fallback.storage),
        first(ephemeralStorage, fallback.ephemeralStorage),
        first(pods, fallback.pods),
        first(services, fallback.services),
        first(configMaps, fallback.configMaps),
        first(secrets, fallback.secrets),
        first(persistentVolumeClaims, fallback.persistentVolumeClaims),
        first(replicationControllers, fallback.replicationControllers),
        first(resourceQuotas, fallback.resourceQuotas),
        first(nodePorts, fallback.nodePorts),
        first(loadBalancers, fallback.loadBalancers),
        first(objectsPerKind, fallback.objectsPerKind));
  }

  private static Quantity first(Quantity preferred, Quantity fallback) {
    return preferred != null ? preferred : fallback;
  }
}
