package io.tenantguard.separation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.tenantguard.api.v1alpha1.classification.ExposedServiceType;
import io.tenantguard.api.v1alpha1.tenant.Limits;
import io.tenantguard.api.v1alpha1.tenant.Quota;
import io.tenantguard.api.v1alpha1.tenant.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotasTest {
  private static final Quota DEFAULTS = SeparationDefaults.STANDARD.quota();

  @Test
  void aFreshNamespaceQuotaBoundsComputeAndEveryKindATenantCanCreate() {
    Map<String, Quantity> hard = Quotas.quota("t", "t-web", Quota.NONE.over(DEFAULTS), List.of()).getSpec().getHard();

    assertThat(hard).containsOnlyKeys(
        // compute and storage (MTB-PL1-CC-FNS-1: cpu, memory, ephemeral-storage)
        "requests.cpu", "limits.cpu", "requests.memory", "limits.memory",
        "requests.ephemeral-storage", "limits.ephemeral-storage", "requests.storage",
        // objects by name (MTB-PL1-CC-FNS-2)
        "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps",
        "persistentvolumeclaims", "services.nodeports", "services.loadbalancers",
        // every other kind a tenant role may create
        "count/serviceaccounts", "count/deployments.apps", "count/replicasets.apps", "count/statefulsets.apps",
        "count/jobs.batch", "count/cronjobs.batch", "count/horizontalpodautoscalers.autoscaling",
        "count/ingresses.networking.k8s.io", "count/networkpolicies.networking.k8s.io",
        "count/poddisruptionbudgets.policy", "count/roles.rbac.authorization.k8s.io",
        "count/rolebindings.rbac.authorization.k8s.io");
    assertThat(hard)
        .containsEntry("limits.ephemeral-storage", new Quantity("20Gi"))
        .containsEntry("replicationcontrollers", new Quantity("0"))
        .containsEntry("resourcequotas", new Quantity("1"))
        .containsEntry("count/deployments.apps", new Quantity("200"));
  }

  @Test
  void nodePortsAndLoadBalancersAreHeldAtZeroUnlessTheClassificationAllowsThem() {
    Quota quota = new Quota(null, null, null, null, null, null, null, null, null, null, null,
        new Quantity("3"), new Quantity("1"), null).over(DEFAULTS);

    Map<String, Quantity> closed = Quotas.quota("t", "ns", quota, List.of()).getSpec().getHard();
    Map<String, Quantity> open = Quotas.quota("t", "ns", quota,
        List.of(ExposedServiceType.NodePort, ExposedServiceType.LoadBalancer)).getSpec().getHard();

    assertThat(closed).containsEntry("services.nodeports", new Quantity("0"))
        .containsEntry("services.loadbalancers", new Quantity("0"));
    assertThat(open).containsEntry("services.nodeports", new Quantity("3"))
        .containsEntry("services.loadbalancers", new Quantity("1"));
  }

  @Test
  void aTenantQuotaOverridesTheDefaultsFieldByField() {
    Quota tenant = new Quota(new Quantity("16"), null, null, new Quantity("50Gi"), null, null, null, null, null,
        null, null, null, null, new Quantity("40"));

    ResourceQuota quota = Quotas.quota("t", "ns", tenant.over(DEFAULTS), List.of());

    assertThat(quota.getSpec().getHard())
        .containsEntry("requests.cpu", new Quantity("16"))
        .containsEntry("requests.memory", new Quantity("8Gi"))
        .containsEntry("requests.ephemeral-storage", new Quantity("50Gi"))
        .containsEntry("count/rolebindings.rbac.authorization.k8s.io", new Quantity("40"));
  }

  @Test
  void containersGetEphemeralStorageDefaultsEvenWhenTheTenantSetsCpuAndMemory() {
    Limits tenant = new Limits(new Resources(new Quantity("200m"), new Quantity("256Mi"), null),
        new Resources(new Quantity("1"), new Quantity("1Gi"), null), null);

    LimitRange limits = Quotas.limitRange("t", "ns", ContainerLimits.of(tenant, SeparationDefaults.STANDARD.limits()));

    LimitRangeItem item = limits.getSpec().getLimits().get(0);
    assertThat(item.getDefaultRequest()).containsEntry("cpu", new Quantity("200m"))
        .containsEntry("ephemeral-storage", new Quantity("128Mi"));
    assertThat(item.getDefault()).containsEntry("memory", new Quantity("1Gi"))
        .containsEntry("ephemeral-storage", new Quantity("1Gi"));
    assertThat(item.getMax()).isNull();
  }
}
