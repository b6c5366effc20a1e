package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.Encryption;
import io.tenantguard.api.v1alpha1.tenant.StorageClassStatus;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.evidence.PolicyReports;
import io.tenantguard.kube.Clients;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.local.ManifestFiles;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.operator.OperatorSettings;
import io.tenantguard.separation.NetworkPolicies;
import io.tenantguard.tenant.TenantStatusFactory;
import io.tenantguard.testing.Examples;
import io.tenantguard.testing.TenantEdits;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
        "NetworkPolicy", "PodDisruptionBudget").as("they need the Prometheus operator's CRDs")
        .doesNotContain("ServiceMonitor", "PrometheusRule");
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
          .contains(" -XX:MaxNewSize=24m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30")
          .contains(" -Djdk.tls.client.cipherSuites=TLS_CHACHA20_POLY1305_SHA256,TLS_AES_128_GCM_SHA256,");
    });
    assertThat(container.getEnv()).anySatisfy(env -> {
      assertThat(env.getName()).isEqualTo("MALLOC_ARENA_MAX");
      assertThat(env.getValue()).isEqualTo("2");
    });
  }

  @Test
  void theOperatorReadsOnlyItsOwnAndThePolicyReportCrdsByName() {
    ClusterRole role = Chart.convert(Chart.renderDefaults().stream()
        .filter(o -> o.getKind().equals("ClusterRole") && o.getMetadata().getName().equals("tg-operator"))
        .findFirst().orElseThrow(), ClusterRole.class);

    List<PolicyRule> crdRules = role.getRules().stream()
        .filter(rule -> rule.getResources().contains("customresourcedefinitions")).toList();
    assertThat(crdRules).allSatisfy(rule -> assertThat(rule.getResourceNames()).as("CRDs by name only").isNotEmpty());
    assertThat(crdRules).flatExtracting(PolicyRule::getResourceNames).containsOnly("clusterreports.openreports.io",
        "clusterpolicyreports.wgpolicyk8s.io", "tenants.tenantguard.io", "regions.tenantguard.io",
        "dataclassifications.tenantguard.io", "destructioncertificates.tenantguard.io");
    // the only write: the label that keeps the certificates' CRD while certificates are kept
    assertThat(crdRules).filteredOn(rule -> rule.getVerbs().contains("patch"))
        .singleElement().satisfies(rule -> assertThat(rule.getResourceNames())
            .containsExactly("destructioncertificates.tenantguard.io"));
  }

  @Test
  void thePrometheusRuleAlertsOnAViolatedControlADriftADestructionDueAndAMissingPolicy() {
    List<GenericKubernetesResource> objects = Chart.render(Chart.helm().template()
        .set("metrics.prometheusRule.enabled", true).set("metrics.prometheusRule.labels.release", "prometheus")
        .set("metrics.serviceMonitor.enabled", true).set("metrics.serviceMonitor.labels.release", "prometheus"));

    GenericKubernetesResource rule = objects.stream().filter(o -> o.getKind().equals("PrometheusRule")).findFirst()
        .orElseThrow();
    assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rule.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(rule.getMetadata().getLabels()).containsEntry("release", "prometheus");
    List<Map<String, Object>> groups = rule.get("spec", "groups");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> alerts = groups.stream()
        .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
        .collect(Collectors.toMap(r -> (String) r.get("alert"), r -> r));
    assertThat(alerts).containsOnlyKeys("TenantguardControlViolated", "TenantguardDriftReverted",
        "TenantguardDestructionWithin7Days", "TenantguardProtectionPolicyMissing");
    assertThat(alerts.get("TenantguardControlViolated").get("expr")).isEqualTo("max(tenantguard_controls{state=\"Violated\"}) > 0");
    assertThat(alerts.get("TenantguardDriftReverted").get("expr"))
        .isEqualTo("sum(increase(tenantguard_drift_reverted_total[15m])) > 0");
    assertThat(alerts.get("TenantguardDestructionWithin7Days").get("expr"))
        .isEqualTo("sum(tenantguard_destructions_pending{due=~\"passed|24h|7d\"}) > 0");
    assertThat(alerts.get("TenantguardProtectionPolicyMissing")).containsEntry("for", "5m")
        .containsEntry("expr", "max(tenantguard_admission_policies_missing) > 0")
        .containsEntry("labels", Map.of("severity", "critical"));
    assertThat(alerts.values()).allSatisfy(alert -> assertThat((Map<String, String>) alert.get("annotations"))
        .containsKeys("summary", "description"));
    assertThat(alerts.get("TenantguardControlViolated").get("annotations").toString()).contains("{{ $value }} controls");

    GenericKubernetesResource monitor = objects.stream().filter(o -> o.getKind().equals("ServiceMonitor")).findFirst()
        .orElseThrow();
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
  }

  @Test
  void theAuditFileIsAnOptionAndStandardOutputTheDefault() {
    assertThat(Chart.operatorContainer().getEnv()).noneMatch(env -> env.getName().equals("TENANTGUARD_AUDIT_FILE"));

    Container container = Chart.operatorContainer(Chart.helm().template().set("operator.auditFile", "/tmp/audit/trail.jsonl"));
    assertThat(container.getEnv()).anySatisfy(env -> {
      assertThat(env.getName()).isEqualTo("TENANTGUARD_AUDIT_FILE");
      assertThat(env.getValue()).isEqualTo("/tmp/audit/trail.jsonl");
    });
    assertThatThrownBy(() -> Chart.helm().template().set("operator.auditFile", "audit.jsonl").call())
        .hasMessageContaining("auditFile");
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
            client, Clock.systemUTC(), o -> {}, status -> {
              throw new AssertionError("the operator asked to exit with status " + status);
            })) {
      operator.start();
      Examples.regions().values().forEach(r -> Platform.apply(admin, r));
      Examples.classifications().values().forEach(c -> Platform.apply(admin, c));
      Platform.apply(admin, tenant("chart-proof"));

      Tenant ready = Platform.awaitPhase(admin, "chart-proof", TenantPhase.Ready);
      assertThat(ready.getStatus().namespaces()).hasSize(1);
      // the report endpoint checks its callers with the chart's permissions (TokenReview, SubjectAccessReview)
      var report = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + operator.probePort() + "/reports/chart-proof"))
          .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
      assertThat(report.body()).contains("\"tenant\":\"chart-proof\"");
      assertThat(admin.network().v1().networkPolicies().inNamespace("chart-proof-web").list().getItems()).hasSize(2);
      // a new key: a new StorageClass, and the old one pruned once no claim or volume is found on it
      String firstClass = ready.getStatus().storageClasses().get(0).name();
      admin.resources(Tenant.class).withName("chart-proof")
          .edit(t -> TenantEdits.encryption(t, new Encryption("kms:key/chart-proof-2", null, null)));
      await().atMost(Platform.PATIENCE).untilAsserted(() -> {
        assertThat(admin.resources(Tenant.class).withName("chart-proof").get().getStatus().storageClasses())
            .extracting(StorageClassStatus::keyRef).containsExactly("kms:key/chart-proof-2");
        assertThat(admin.storage().v1().storageClasses().withName(firstClass).get()).isNull();
      });
      policyReportsAreKept(admin);
      admin.network().v1().networkPolicies().inNamespace("chart-proof-web").withName(NetworkPolicies.DEFAULT_DENY).delete();
      await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(metrics(operator))
          .contains("tenantguard_drift_reverted_total{kind=\"NetworkPolicy\"}")
          .contains("tenantguard_controls{state=\"Enforced\"} " + controlsIn(admin, ControlState.Enforced))
          .contains("tenantguard_controls{state=\"Violated\"} " + controlsIn(admin, ControlState.Violated))
          .containsPattern("(?m)^tenantguard_admission_policies_missing(\\{})? 0.0$"));

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

  /** With the chart's permissions, the operator notices the OpenReports CRDs installed and writes the tenant's report. */
  private static void policyReportsAreKept(KubernetesClient admin) {
    ManifestFiles.apply(admin, List.of(E2e.repoRoot().resolve("e2e/src/test/resources/policy-reports/openreports.io-v1alpha1.yaml")),
        "platform-team");
    try {
      await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(admin.genericKubernetesResources(
          PolicyReports.Api.OPEN_REPORTS.apiVersion(), PolicyReports.Api.OPEN_REPORTS.kind)
          .withName(PolicyReports.name("chart-proof")).get()).isNotNull());
    } finally {
      admin.apiextensions().v1().customResourceDefinitions().withName(PolicyReports.Api.OPEN_REPORTS.crdName()).delete();
      admin.apiextensions().v1().customResourceDefinitions().withName("reports.openreports.io").delete();
    }
  }

  /** How many controls the Tenants' statuses show in {@code state}, as the gauge prints it. */
  private static String controlsIn(KubernetesClient admin, ControlState state) {
    return (double) admin.resources(Tenant.class).list().getItems().stream()
        .filter(t -> t.getStatus() != null)
        .flatMap(t -> t.getStatus().controls().stream())
        .filter(c -> c.state() == state)
        .count() + "\n";
  }

  private static String metrics(OperatorRuntime operator) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.probePort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static Tenant tenant(String name) {
    return Tenants.tenant(name, List.of(), Tenants.namespace(name + "-web", "de-frankfurt", "public"));
  }
}
