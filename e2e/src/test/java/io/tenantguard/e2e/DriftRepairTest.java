package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.e2e.bench.PrometheusText;
import io.tenantguard.separation.NetworkPolicies;
import io.tenantguard.separation.Quotas;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drift repair on every kind the operator manages in a tenant namespace, on the real control plane:
 * a platform admin (who may, where tenants may not) changes or deletes the object, the operator puts
 * it back, and its drift metric, read from /metrics as a scraper would, counts the repair by kind.
 */
@ExtendWith(RealCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriftRepairTest {
  private static final String NS = "lumiere-web";
  private static final String ENFORCE = "pod-security.kubernetes.io/enforce";

  private RealCluster.Cluster cluster;
  private KubernetesClient admin;

  @BeforeAll
  void platform(RealCluster.Cluster cluster) {
    this.cluster = cluster;
    admin = Platform.examplesProvisioned(cluster);
  }

  @Test
  void aPodSecurityLabelRemovedFromANamespaceIsPutBack() {
    assertRepaired("Namespace", () -> admin.namespaces().withName(NS).edit(ns -> {
      ns.getMetadata().getLabels().remove(ENFORCE);
      return ns;
    }), () -> "restricted".equals(admin.namespaces().withName(NS).get().getMetadata().getLabels().get(ENFORCE)));
  }

  @Test
  void aSubjectAddedToAManagedRoleBindingIsTakenOut() {
    var binding = admin.rbac().roleBindings().inNamespace(NS).withName("tenantguard-admin");
    assertRepaired("RoleBinding", () -> binding.edit(b -> {
      b.getSubjects().add(new io.fabric8.kubernetes.api.model.rbac.SubjectBuilder().withKind("User")
          .withApiGroup("rbac.authorization.k8s.io").withName("mallory@example.org").build());
      return b;
    }), () -> binding.get().getSubjects().stream().noneMatch(s -> s.getName().equals("mallory@example.org")));
  }

  @Test
  void aLimitRangeRaisedIsBroughtBack() {
    var limits = admin.limitRanges().inNamespace(NS).withName(Quotas.LIMITS);
    Quantity before = limits.get().getSpec().getLimits().get(0).getDefault().get("cpu");
    assertRepaired("LimitRange", () -> limits.edit(l -> {
      l.getSpec().getLimits().get(0).getDefault().put("cpu", new Quantity("64"));
      return l;
    }), () -> before.equals(limits.get().getSpec().getLimits().get(0).getDefault().get("cpu")));
  }

  @Test
  void aResourceQuotaRaisedIsBroughtBack() {
    var quota = admin.resourceQuotas().inNamespace(NS).withName(Quotas.QUOTA);
    Quantity before = quota.get().getSpec().getHard().get("pods");
    assertRepaired("ResourceQuota", () -> quota.edit(q -> {
      q.getSpec().getHard().put("pods", new Quantity("9999"));
      return q;
    }), () -> before.equals(quota.get().getSpec().getHard().get("pods")));
  }

  @Test
  void aDeletedDefaultDenyPolicyIsRecreated() {
    var policy = admin.network().v1().networkPolicies().inNamespace(NS).withName(NetworkPolicies.DEFAULT_DENY);
    String uid = policy.get().getMetadata().getUid();
    assertRepaired("NetworkPolicy", policy::delete, () -> {
      HasMetadata back = policy.get();
      return back != null && !back.getMetadata().getUid().equals(uid);
    });
  }

  /** The change is made, the object is back within the patience, and the metric counted one repair of its kind. */
  private void assertRepaired(String kind, Runnable change, Supplier<Boolean> repaired) {
    double before = driftReverted(kind);

    change.run();

    await().atMost(Platform.PATIENCE).until(repaired::get);
    await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(driftReverted(kind))
        .as("tenantguard_drift_reverted_total{kind=\"%s\"}", kind).isGreaterThanOrEqualTo(before + 1));
  }

  private double driftReverted(String kind) {
    return PrometheusText.sum(cluster.operator().metrics(), "tenantguard_drift_reverted_total",
        labels -> labels.contains("kind=\"" + kind + "\""));
  }
}
