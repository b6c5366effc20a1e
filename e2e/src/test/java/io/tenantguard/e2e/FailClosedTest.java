package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantRole;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.separation.IsolationRequired;
import io.tenantguard.separation.Quotas;
import io.tenantguard.testing.TenantEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fail closed, on the real control plane: a tenant namespace whose ResourceQuota cannot be applied
 * (here the operator lost its permission on quotas, an admin's mistake) runs nothing of the tenant
 * until it is. A new namespace is made and isolated by its other objects, the Tenant says what
 * failed, and no subject of the tenant is bound to it yet: the API server refuses them everything.
 * Once the permission is back, the quota is applied, then the bindings, and workloads are admitted.
 * A quota lost later (deleted while the operator cannot write quotas) leaves the bindings in place:
 * then the policy that requires the quota refuses pods and workloads until it is back, and a role
 * taken away meanwhile is taken away at once, failing apply or not.
 */
@ExtendWith(RealCluster.class)
class FailClosedTest {
  private static final String TENANT = "fail-closed";
  static final String NS = "fail-closed-web";

  @Test
  void aNamespaceWhoseQuotaCannotBeAppliedRunsNoWorkloadUntilItIs(RealCluster.Cluster cluster) {
    cluster.operator();
    KubernetesClient admin = cluster.admin();
    Platform.applyRegionsAndClassifications(admin);
    var role = admin.rbac().clusterRoles().withName(cluster.operatorIdentity().clusterRole().getMetadata().getName());
    ClusterRole granted = role.get();
    try (KubernetesClient tenantAdmin = cluster.as("admin@" + TENANT + ".example");
        KubernetesClient auditor = cluster.as("auditor@" + TENANT + ".example")) {
      role.edit(FailClosedTest::withoutWritesOnQuotas);
      Platform.apply(admin, Tenants.tenant(TENANT, List.of(), Tenants.namespace(NS, "de-frankfurt", "public")));

      await().atMost(Platform.PATIENCE).untilAsserted(() -> {
        Tenant tenant = admin.resources(Tenant.class).withName(TENANT).get();
        assertThat(tenant.getStatus()).isNotNull();
        assertThat(Conditions.find(tenant.getStatus().conditions(), StatusConditions.ISOLATED).getMessage())
            .contains("could not apply: resourcequotas");
        assertThat(admin.namespaces().withName(NS).get()).isNotNull();
      });
      assertThat(admin.resourceQuotas().inNamespace(NS).list().getItems()).as("no quota at all").isEmpty();
      assertThat(admin.rbac().roleBindings().inNamespace(NS).list().getItems()).as("no subject of the tenant bound yet")
          .noneMatch(binding -> TENANT.equals(binding.getMetadata().getLabels().get(Labels.TENANT)));
      Attacks.refused(Attacks.Rule.rbac(),
          () -> tenantAdmin.pods().inNamespace(NS).resource(Workloads.pod("early", Map.of())).create());
      Attacks.refused(Attacks.Rule.rbac(),
          () -> tenantAdmin.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
              .withName("early").endMetadata().build()).create());

      role.edit(r -> withRules(r, granted));
      awaitWorkloadsAdmitted(admin, tenantAdmin);
      Tenant provisioned = Platform.awaitProvisioned(admin, TENANT);
      assertThat(provisioned.getStatus().namespaces()).extracting(ns -> ns.state()).containsExactly(NamespaceState.Provisioned);

      // the quota lost later, while the operator cannot put it back: the bindings stay, the policy refuses
      role.edit(FailClosedTest::withoutWritesOnQuotas);
      admin.resourceQuotas().inNamespace(NS).withName(Quotas.QUOTA).delete();
      await().atMost(Platform.PATIENCE).until(() -> admin.resourceQuotas().inNamespace(NS).withName(Quotas.QUOTA).get() == null);
      Attacks.refused(Attacks.Rule.policy(IsolationRequired.QUOTA, "no params found"),
          () -> tenantAdmin.pods().inNamespace(NS).resource(Workloads.pod("late", Map.of())).create());
      Attacks.refused(Attacks.Rule.policy(IsolationRequired.QUOTA, "no params found"),
          () -> tenantAdmin.apps().deployments().inNamespace(NS).resource(Workloads.deployment("late", Map.of())).create());

      // a role taken away while the quota still cannot be applied is taken away all the same
      assertThatCode(() -> auditor.pods().inNamespace(NS).list()).as("the auditor reads, before").doesNotThrowAnyException();
      admin.resources(Tenant.class).withName(TENANT).edit(tenant -> TenantEdits.access(tenant, grants -> grants.stream()
          .filter(grant -> grant.role() != TenantRole.auditor).toList()));
      await().atMost(Platform.PATIENCE).untilAsserted(() -> Attacks.refused(Attacks.Rule.rbac(),
          () -> auditor.pods().inNamespace(NS).list()));
      assertThat(admin.resourceQuotas().inNamespace(NS).withName(Quotas.QUOTA).get()).as("the quota still missing").isNull();

      role.edit(r -> withRules(r, granted));
      awaitWorkloadsAdmitted(admin, tenantAdmin);
    } finally {
      role.edit(r -> withRules(r, granted));
    }
  }

  private static void awaitWorkloadsAdmitted(KubernetesClient admin, KubernetesClient tenantAdmin) {
    await().atMost(Platform.PATIENCE).until(() -> admin.resourceQuotas().inNamespace(NS).withName(Quotas.QUOTA).get() != null);
    await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThatCode(() -> tenantAdmin.pods().inNamespace(NS)
        .resource(Workloads.pod("later", Map.of())).dryRun().create()).doesNotThrowAnyException());
  }

  private static ClusterRole withRules(ClusterRole role, ClusterRole granted) {
    role.setRules(granted.getRules());
    return role;
  }

  /** The role, quotas still readable (the informer needs them), but no longer creatable or patchable. */
  private static ClusterRole withoutWritesOnQuotas(ClusterRole role) {
    List<PolicyRule> rules = new ArrayList<>();
    for (PolicyRule rule : role.getRules()) {
      if (rule.getResources().contains("resourcequotas")) {
        List<String> others = rule.getResources().stream().filter(r -> !r.equals("resourcequotas")).toList();
        if (!others.isEmpty()) {
          rules.add(new PolicyRuleBuilder(rule).withResources(others).build());
        }
        rules.add(new PolicyRuleBuilder(rule).withResources("resourcequotas").withVerbs("get", "list", "watch").build());
      } else {
        rules.add(rule);
      }
    }
    role.setRules(rules);
    return role;
  }
}
