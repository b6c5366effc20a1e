package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.kube.Clients;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.operator.OperatorSettings;
import io.tenantguard.tenant.TenantStatusFactory;
import io.tenantguard.testing.Examples;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Helm chart: it lints, renders a least-privilege restricted operator, and its RBAC is enough. */
@ExtendWith(RealCluster.class)
class ChartTest {
  private static final String NAMESPACE = Chart.NAMESPACE;

  @Test
  void chartLintsStrictly() {
    LintResult lint = Chart.helm().lint().strict().call();

    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void chartRendersALeastPrivilegeRestrictedOperator() {
    List<GenericKubernetesResource> objects = Chart.renderDefaults();

    assertThat(objects).extracting(GenericKubernetesResource::getKind).contains(
        "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment", "Service",
        "NetworkPolicy", "PodDisruptionBudget");
    assertThat(objects).filteredOn(o -> o.getKind().equals("ClusterRole")).extracting(o -> o.getMetadata().getName())
        .containsExactlyInAnyOrder("tg-operator", "tenantguard-admin", "tenantguard-developer", "tenantguard-viewer",
            "tenantguard-auditor", "tenantguard-readonly");
    for (GenericKubernetesResource role : objects) {
      if (role.getKind().endsWith("Role")) {
        boolean operatorsOwn = role.getMetadata().getName().startsWith("tg-operator");
        for (PolicyRule rule : Chart.convert(role, ClusterRole.class).getRules()) {
          assertThat(rule.getVerbs()).as(role.getMetadata().getName()).doesNotContain("*");
          assertThat(rule.getResources()).as(role.getMetadata().getName()).doesNotContain("*");
          if (operatorsOwn && rule.getResources().contains("secrets")) {
            boolean ownKeyOnly = List.of("tenantguard-signing-key").equals(rule.getResourceNames());
            assertThat(ownKeyOnly || List.of("deletecollection", "create").containsAll(rule.getVerbs()))
                .as("the operator reads no secret but its own signing key: " + rule).isTrue();
          }
          if (operatorsOwn && rule.getResources().contains("pods")) {
            assertThat(rule.getVerbs()).as("the operator runs no pod").doesNotContain("create", "patch", "update");
          }
        }
      }
    }
    Deployment deployment = Chart.convert(objects.stream().filter(o -> o.getKind().equals("Deployment")).findFirst().orElseThrow(),
        Deployment.class);
    var pod = deployment.getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getEnv()).anySatisfy(env -> {
      assertThat(env.getName()).isEqualTo("TENANTGUARD_LEADER_ELECTION");
      assertThat(env.getValue()).isEqualTo("true");
    });
    assertThat(container.getEnv()).anySatisfy(env -> {
      assertThat(env.getName()).isEqualTo("JAVA_TOOL_OPTIONS");
      assertThat(env.getValue()).startsWith("-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError")
          .contains(" -Djdk.tls.client.cipherSuites=TLS_CHACHA20_POLY1305_SHA256,TLS_AES_128_GCM_SHA256,");
    });
  }

  @Test
  void jvmOptionsCanBeReplaced() {
    Container container = Chart.operatorContainer(Chart.helm().template().set("jvmOptions", "").set("maxRamPercentage", 70));

    assertThat(container.getEnv()).anySatisfy(env -> {
      assertThat(env.getName()).isEqualTo("JAVA_TOOL_OPTIONS");
      assertThat(env.getValue()).isEqualTo("-XX:MaxRAMPercentage=70");
    });
  }

  @Test
  void badValuesAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> Chart.helm().template().set("replicaCount", 0).call())
        .hasMessageContaining("replicaCount");
    assertThatThrownBy(() -> Chart.helm().template().set("operator.logFormat", "xml").call())
        .hasMessageContaining("logFormat");
    assertThatThrownBy(() -> Chart.helm().template().set("replicas", 3).call())
        .hasMessageContaining("replicas");
  }

  @Test
  void theChartsPermissionsAreEnoughToProvisionATenantAndALostOneIsNoticed(RealCluster.Cluster cluster) throws Exception {
    cluster.stopOperator(); // from here on, only the operator with the chart's identity runs
    KubernetesClient admin = cluster.admin();
    // a Helm-only install: the chart brings the tenant roles that kubectl apply -f crds/ brought
    admin.rbac().clusterRoles().withLabel("app.kubernetes.io/managed-by", "tenantguard").delete();
    Chart.helm().install().withName("tg").withNamespace(NAMESPACE).createNamespace()
        .withKubeConfig(cluster.kubeconfig()).call();
    String token = admin.serviceAccounts().inNamespace(NAMESPACE).withName("tg-operator")
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus().getToken();
    Config asOperator = new ConfigBuilder()
        .withMasterUrl(cluster.adminConfig().getMasterUrl())
        .withCaCertData(cluster.adminConfig().getCaCertData())
        .withOauthToken(token)
        .build();

    try (KubernetesClient client = Clients.create(asOperator);
        OperatorRuntime operator = new OperatorRuntime(
            new OperatorSettings(new InetSocketAddress("127.0.0.1", 0), NAMESPACE, 2, true, OperatorSettings.DEFAULT_RESYNC),
            client, Clock.systemUTC())) {
      operator.start();
      Examples.regions().values().forEach(r -> Platform.apply(admin, r));
      Examples.classifications().values().forEach(c -> Platform.apply(admin, c));
      Platform.apply(admin, tenant("chart-proof"));

      Tenant ready = Platform.awaitPhase(admin, "chart-proof", TenantPhase.Ready);
      assertThat(ready.getStatus().namespaces()).hasSize(1);
      assertThat(admin.network().v1().networkPolicies().inNamespace("chart-proof-web").list().getItems()).hasSize(2);

      admin.rbac().clusterRoles().withName("tg-operator").edit(role -> {
        role.getRules().stream().filter(rule -> rule.getResources().contains("networkpolicies"))
            .forEach(rule -> rule.setVerbs(List.of("list", "watch", "delete")));
        return role;
      });
      Platform.apply(admin, tenant("chart-lost-permission"));

      Tenant failing = Platform.awaitPhase(admin, "chart-lost-permission", TenantPhase.Provisioning);
      var isolated = Conditions.find(failing.getStatus().conditions(), StatusConditions.ISOLATED);
      assertThat(isolated.getStatus()).isEqualTo(Conditions.FALSE);
      assertThat(isolated.getReason()).isEqualTo(TenantStatusFactory.APPLY_FAILED);
      assertThat(isolated.getMessage()).contains("networkpolicies: ").contains("forbidden");
      var reconciling = Conditions.find(failing.getStatus().conditions(), StatusConditions.RECONCILING);
      assertThat(reconciling.getStatus()).isEqualTo(Conditions.TRUE);
      assertThat(reconciling.getMessage()).startsWith("retrying with backoff: networkpolicies: ");
    }
  }

  private static Tenant tenant(String name) {
    return Tenants.tenant(name, List.of(), Tenants.namespace(name + "-web", "de-frankfurt", "public"));
  }
}
