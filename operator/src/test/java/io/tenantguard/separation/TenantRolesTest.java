package io.tenantguard.separation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.tenantguard.api.v1alpha1.tenant.TenantRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantRolesTest {
  @Test
  void noRoleGrantsAWildcard() {
    for (ClusterRole role : TenantRoles.all()) {
      for (PolicyRule rule : role.getRules()) {
        assertThat(rule.getVerbs()).doesNotContain("*");
        assertThat(rule.getResources()).doesNotContain("*");
        assertThat(rule.getApiGroups()).doesNotContain("*");
      }
    }
  }

  @Test
  void auditorsAndViewersReadNeitherSecretsNorLogsAndWriteNothing() {
    for (TenantRole role : List.of(TenantRole.auditor, TenantRole.viewer)) {
      for (PolicyRule rule : role(role).getRules()) {
        assertThat(rule.getResources()).doesNotContain("secrets", "pods/log", "pods/exec");
        assertThat(rule.getVerbs()).containsOnly("get", "list", "watch");
      }
    }
  }

  @Test
  void onlyAdminsWriteRoleBindingsAndNetworkPoliciesAndNobodyWritesQuotas() {
    assertThat(canWrite(TenantRole.admin, "rolebindings")).isTrue();
    assertThat(canWrite(TenantRole.admin, "networkpolicies")).isTrue();
    assertThat(canWrite(TenantRole.developer, "rolebindings")).isFalse();
    assertThat(canWrite(TenantRole.developer, "secrets")).isTrue();
    for (TenantRole role : TenantRole.values()) {
      assertThat(canWrite(role, "resourcequotas")).as(role.name()).isFalse();
      assertThat(canWrite(role, "limitranges")).as(role.name()).isFalse();
      assertThat(canWrite(role, "namespaces")).as(role.name()).isFalse();
    }
  }

  @Test
  void everyRoleReadsButNoneWritesWhereServicesSendTraffic() {
    for (TenantRole role : TenantRole.values()) {
      for (String resource : List.of("endpoints", "endpointslices")) {
        assertThat(canWrite(role, resource)).as(role + " writes " + resource).isFalse();
        assertThat(role(role).getRules()).as(role + " reads " + resource)
            .anyMatch(rule -> rule.getResources().contains(resource) && rule.getVerbs().contains("list"));
      }
    }
  }

  @Test
  void theCreatableKindsAreThoseSomeRoleMayCreateWithoutSubresources() {
    assertThat(TenantRoles.creatableKinds()).isEqualTo(java.util.Map.of(
        "", List.of("configmaps", "persistentvolumeclaims", "pods", "secrets", "serviceaccounts", "services"),
        "apps", List.of("deployments", "replicasets", "statefulsets"),
        "autoscaling", List.of("horizontalpodautoscalers"),
        "batch", List.of("cronjobs", "jobs"),
        "networking.k8s.io", List.of("ingresses", "networkpolicies"),
        "policy", List.of("poddisruptionbudgets"),
        "rbac.authorization.k8s.io", List.of("rolebindings", "roles")));
  }

  private static boolean canWrite(TenantRole role, String resource) {
    return role(role).getRules().stream()
        .anyMatch(rule -> rule.getResources().contains(resource) && rule.getVerbs().contains("update"));
  }

  private static ClusterRole role(TenantRole role) {
    return TenantRoles.all().stream()
        .filter(r -> r.getMetadata().getName().equals(TenantRoles.clusterRoleName(role)))
        .findFirst()
        .orElseThrow();
  }
}
