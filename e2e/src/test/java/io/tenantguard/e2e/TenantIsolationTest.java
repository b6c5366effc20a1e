package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.kube.Labels;
import io.tenantguard.separation.ManagedObjectProtection;
import io.tenantguard.separation.NetworkPolicies;
import io.tenantguard.separation.Quotas;
import io.tenantguard.testing.Examples;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenant separation on the real control plane, tried as the tenants' own users (impersonated):
 * every way out of the tenant is refused by the API server itself, and the tenant's legitimate
 * work is allowed. Checks follow the behaviours of the Kubernetes multi-tenancy benchmarks.
 */
@ExtendWith(RealCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {
  private static final Map<String, String> PARIS = Map.of("topology.kubernetes.io/region", "fr-paris");
  private static final String CLINIC_ADMIN = "claire.martin@clinique-horizon.example";
  private static final String AUDITOR = "auditor@audit-firm.example";
  private static final String PORTAL = "horizon-portal";

  private KubernetesClient admin;
  private KubernetesClient clinicAdmin;
  private KubernetesClient developer;
  private KubernetesClient auditor;

  @BeforeAll
  void platformWithTwoTenants(RealCluster.Cluster cluster) {
    admin = Platform.examplesProvisioned(cluster);
    clinicAdmin = cluster.as(CLINIC_ADMIN);
    developer = cluster.as("dev@clinique-horizon.example", "horizon-developers");
    auditor = cluster.as(AUDITOR);
  }

  @AfterAll
  void closeClients() {
    clinicAdmin.close();
    developer.close();
    auditor.close();
  }

  @Test
  void aTenantCannotReadAnotherTenantsObjects() {
    assertForbidden(() -> clinicAdmin.pods().inNamespace("lumiere-web").list());
    assertForbidden(() -> clinicAdmin.secrets().inNamespace("lumiere-web").list());
    assertForbidden(() -> developer.configMaps().inNamespace("lumiere-cdn").list());
  }

  @Test
  void aTenantCannotCreateOrListNamespacesNorReadClusterScopedResources() {
    assertForbidden(() -> clinicAdmin.namespaces().resource(
        new NamespaceBuilder().withNewMetadata().withName("horizon-extra").endMetadata().build()).create());
    assertForbidden(() -> clinicAdmin.namespaces().list());
    assertForbidden(() -> clinicAdmin.nodes().list());
    assertForbidden(() -> clinicAdmin.rbac().clusterRoles().list());
    assertForbidden(() -> clinicAdmin.resources(Tenant.class).list());
    assertThat(clinicAdmin.namespaces().withName(PORTAL).get().getMetadata().getName()).isEqualTo(PORTAL);
  }

  @Test
  void aTenantAdminCannotEscalateThroughARoleBinding() {
    var escalation = new RoleBindingBuilder().withNewMetadata().withName("grab-cluster-admin").endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("cluster-admin").endRoleRef()
        .addNewSubject().withKind("User").withApiGroup("rbac.authorization.k8s.io").withName(CLINIC_ADMIN).endSubject()
        .build();

    Attacks.refused(Attacks.Rule.escalation(),
        () -> clinicAdmin.rbac().roleBindings().inNamespace(PORTAL).resource(escalation).create());
  }

  @Test
  void podSecurityRefusesPrivilegedHostAndEscalatingPods() {
    var pods = developer.pods().inNamespace(PORTAL);
    // privileged with allowPrivilegeEscalation false is refused by API validation before Pod Security sees it
    Attacks.refused(Attacks.Rule.podSecurity("privileged (container \"app\" must not set securityContext.privileged=true)"),
        () -> pods.resource(Workloads.pod("privileged", PARIS, spec -> {
          spec.getContainers().get(0).getSecurityContext().setPrivileged(true);
          spec.getContainers().get(0).getSecurityContext().setAllowPrivilegeEscalation(null);
          return spec;
        })).create());
    Attacks.refused(Attacks.Rule.podSecurity("host namespaces"), () -> pods.resource(Workloads.pod("host-network", PARIS, spec -> {
      spec.setHostNetwork(true);
      spec.setHostPID(true);
      return spec;
    })).create());
    Attacks.refused(Attacks.Rule.podSecurity("restricted volume types (volume \"root\" uses restricted volume type \"hostPath\")"),
        () -> pods.resource(Workloads.pod("host-path", PARIS, spec -> {
          spec.getVolumes().add(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName("root")
              .withNewHostPath().withPath("/").endHostPath().build());
          return spec;
        })).create());
    Attacks.refused(Attacks.Rule.podSecurity("hostPort"), () -> pods.resource(Workloads.pod("host-port", PARIS, spec -> {
      spec.getContainers().get(0).getPorts().add(
          new io.fabric8.kubernetes.api.model.ContainerPortBuilder().withContainerPort(80).withHostPort(80).build());
      return spec;
    })).create());
    Attacks.refused(Attacks.Rule.podSecurity("allowPrivilegeEscalation != false"),
        () -> pods.resource(Workloads.pod("escalating", PARIS, spec -> {
          spec.getContainers().get(0).getSecurityContext().setAllowPrivilegeEscalation(true);
          return spec;
        })).create());
  }

  @Test
  void aTenantCannotExposeItselfThroughNodePortOrLoadBalancer() {
    for (String type : new String[] {"NodePort", "LoadBalancer"}) {
      var service = new ServiceBuilder().withNewMetadata().withName(type.toLowerCase()).endMetadata()
          .withNewSpec().withType(type).addToSelector("app", "web").addNewPort().withPort(443).endPort().endSpec().build();
      Attacks.refused(Attacks.Rule.quota(type.equals("NodePort") ? "services.nodeports" : "services.loadbalancers"),
          () -> clinicAdmin.services().inNamespace(PORTAL).resource(service).create());
    }
  }

  @Test
  void aTenantCannotChangeItsQuotaLimitsPoliciesBindingsOrNamespaceLabels() {
    assertForbidden(() -> clinicAdmin.resourceQuotas().inNamespace(PORTAL).withName(Quotas.QUOTA)
        .edit(q -> { q.getSpec().getHard().put("pods", new Quantity("1000")); return q; }));
    assertForbidden(() -> clinicAdmin.limitRanges().inNamespace(PORTAL).withName(Quotas.LIMITS).delete());
    assertProtected(() -> clinicAdmin.network().v1().networkPolicies().inNamespace(PORTAL)
        .withName(NetworkPolicies.DEFAULT_DENY).delete(), "tenantguard manages networkpolicies " + PORTAL + "/" + NetworkPolicies.DEFAULT_DENY);
    assertProtected(() -> clinicAdmin.rbac().roleBindings().inNamespace(PORTAL).withName("tenantguard-admin")
        .edit(b -> { b.getSubjects().get(0).setName("mallory"); return b; }), "tenantguard manages rolebindings");
    assertProtected(() -> clinicAdmin.rbac().roleBindings().inNamespace(PORTAL).resource(
        new RoleBindingBuilder().withNewMetadata().withName("forged").withLabels(Labels.owned("clinique-horizon")).endMetadata()
            .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("tenantguard-viewer").endRoleRef()
            .addNewSubject().withKind("User").withApiGroup("rbac.authorization.k8s.io").withName("mallory").endSubject().build())
        .create(), "tenantguard manages rolebindings");
    assertForbidden(() -> clinicAdmin.namespaces().withName(PORTAL)
        .edit(ns -> { ns.getMetadata().getLabels().put(Labels.TENANT, "lumiere-media"); return ns; }));
  }

  @Test
  void aTenantDoesItsLegitimateWork() {
    String ns = "horizon-records";
    assertThatCode(() -> {
      developer.apps().deployments().inNamespace(ns).resource(Workloads.deployment("api", PARIS)).create();
      developer.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("settings")
          .endMetadata().addToData("mode", "production").build()).create();
      developer.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("db")
          .endMetadata().addToStringData("password", "s3cret").build()).create();
      developer.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("api").endMetadata()
          .withNewSpec().addToSelector("app", "api").addNewPort().withPort(8443).endPort().endSpec().build()).create();
      clinicAdmin.network().v1().networkPolicies().inNamespace(ns).resource(new NetworkPolicyBuilder()
          .withNewMetadata().withName("api-from-portal").endMetadata()
          .withNewSpec().withNewPodSelector().addToMatchLabels("app", "api").endPodSelector().endSpec().build()).create();
      clinicAdmin.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder()
          .withNewMetadata().withName("intern-reads").endMetadata()
          .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("tenantguard-viewer").endRoleRef()
          .addNewSubject().withKind("User").withApiGroup("rbac.authorization.k8s.io").withName("intern@clinique-horizon.example").endSubject()
          .build()).create();
    }).doesNotThrowAnyException();
  }

  @Test
  void anAuditorReadsAccessRulesButNotSecrets() {
    assertThat(auditor.rbac().roleBindings().inNamespace(PORTAL).list().getItems()).isNotEmpty();
    assertThat(auditor.network().v1().networkPolicies().inNamespace(PORTAL).list().getItems()).isNotEmpty();
    assertForbidden(() -> auditor.secrets().inNamespace(PORTAL).list());
    assertForbidden(() -> auditor.configMaps().inNamespace(PORTAL).resource(
        new ConfigMapBuilder().withNewMetadata().withName("x").endMetadata().build()).create());
  }

  @Test
  void aManagedObjectChangedOrDeletedIsRestoredAndRecorded() {
    var quota = admin.resourceQuotas().inNamespace("lumiere-cdn").withName(Quotas.QUOTA);
    quota.edit(q -> { q.getSpec().getHard().put("pods", new Quantity("9999")); return q; });
    admin.network().v1().networkPolicies().inNamespace("lumiere-cdn").withName(NetworkPolicies.ALLOW_TENANT).delete();

    await().atMost(Platform.PATIENCE).untilAsserted(() -> {
      assertThat(quota.get().getSpec().getHard()).containsEntry("pods", new Quantity("50"));
      assertThat(admin.network().v1().networkPolicies().inNamespace("lumiere-cdn").withName(NetworkPolicies.ALLOW_TENANT).get())
          .isNotNull();
      // one Event sums up what a reconciliation restored: the two repairs may share one
      String restored = admin.v1().events().inNamespace("default").list().getItems().stream()
          .filter(e -> "lumiere-media".equals(e.getInvolvedObject().getName()) && "DriftReverted".equals(e.getReason()))
          .map(Event::getMessage)
          .collect(java.util.stream.Collectors.joining("\n"));
      assertThat(restored)
          .contains("lumiere-cdn/tenantguard-quota")
          .contains("lumiere-cdn/tenantguard-allow-tenant")
          .contains("after an outside change or deletion");
    });
  }

  @Test
  void aForeignNamespaceIsNeverAdoptedNorDeleted() {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("legacy-billing")
        .addToLabels("team", "billing").endMetadata().build()).create();
    Tenant claimer = io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
        apiVersion: tenantguard.io/v1alpha1
        kind: Tenant
        metadata: {name: iso-claimer}
        spec:
          displayName: Claimer
          contacts: [{name: M, email: m@example.org, role: manager}]
          namespaces: [{name: legacy-billing, region: de-frankfurt, classification: public}]
        """, Tenant.class);
    Platform.apply(admin, claimer);

    Tenant degraded = Platform.awaitPhase(admin, "iso-claimer", TenantPhase.Degraded);
    assertThat(degraded.getStatus().namespaces().get(0).state()).isEqualTo(NamespaceState.Conflict);

    admin.resources(Tenant.class).withName("iso-claimer").delete();
    await().atMost(Platform.PATIENCE).until(() -> admin.resources(Tenant.class).withName("iso-claimer").get() == null);
    var legacy = admin.namespaces().withName("legacy-billing").get();
    assertThat(legacy.getMetadata().getLabels()).containsEntry("team", "billing").doesNotContainKey(Labels.TENANT);
    assertThat(legacy.getMetadata().getDeletionTimestamp()).isNull();
    assertThat(admin.network().v1().networkPolicies().inNamespace("legacy-billing").list().getItems()).isEmpty();
  }

  /** A tenant user's attempt refused by RBAC. */
  private static void assertForbidden(ThrowingCallable call) {
    Attacks.refused(Attacks.Rule.rbac(), call);
  }

  /** A tenant user's attempt on a managed object refused by the protection policy, saying {@code reason}. */
  private static void assertProtected(ThrowingCallable call, String reason) {
    Attacks.refused(Attacks.Rule.policy(ManagedObjectProtection.NAME, reason), call);
  }
}
