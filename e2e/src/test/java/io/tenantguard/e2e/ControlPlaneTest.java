package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.testing.Examples;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The control plane of e2e/cluster is the real thing: schemas, CEL, RBAC, admission, controllers. */
@ExtendWith(RealCluster.class)
class ControlPlaneTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Test
  void schemaRefusesABadFieldAndNamesIt(RealCluster.Cluster cluster) {
    String tenant = """
        apiVersion: tenantguard.io/v1alpha1
        kind: Tenant
        metadata: {name: cp-bad-email}
        spec:
          displayName: Bad
          contacts: [{name: M, email: not-an-address, role: manager}]
        """;

    assertThatThrownBy(() -> cluster.admin().resource(tenant).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.contacts[0].email")
        .hasMessageContaining("should match");
  }

  @Test
  void celRuleRefusesAndNamesTheField(RealCluster.Cluster cluster) {
    String tenant = """
        apiVersion: tenantguard.io/v1alpha1
        kind: Tenant
        metadata: {name: cp-no-manager}
        spec:
          displayName: No manager
          contacts: [{name: S, email: s@example.org, role: security}]
        """;

    assertThatThrownBy(() -> cluster.admin().resource(tenant).create())
        .hasMessageContaining("spec.contacts")
        .hasMessageContaining("must include a contact with role manager");
  }

  @Test
  void namespaceDeletionCompletes(RealCluster.Cluster cluster) {
    KubernetesClient admin = cluster.admin();
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("cp-deleted").endMetadata().build()).create();
    admin.configMaps().inNamespace("cp-deleted").resource(configMap("content", null)).create();

    admin.namespaces().withName("cp-deleted").delete();

    await().atMost(PATIENCE).until(() -> admin.namespaces().withName("cp-deleted").get() == null);
  }

  @Test
  void ownedObjectIsGarbageCollected(RealCluster.Cluster cluster) {
    KubernetesClient admin = cluster.admin();
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("cp-gc").endMetadata().build())
        .serverSideApply();
    ConfigMap owner = admin.configMaps().inNamespace("cp-gc").resource(configMap("owner", null)).create();
    admin.configMaps().inNamespace("cp-gc").resource(configMap("owned", owner)).create();

    admin.configMaps().inNamespace("cp-gc").withName("owner").delete();

    await().atMost(PATIENCE).until(() -> admin.configMaps().inNamespace("cp-gc").withName("owned").get() == null);
  }

  @Test
  void podSecurityRefusesAPrivilegedPodInARestrictedNamespace(RealCluster.Cluster cluster) {
    KubernetesClient admin = cluster.admin();
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("cp-restricted")
        .withLabels(Map.of("pod-security.kubernetes.io/enforce", "restricted")).endMetadata().build()).serverSideApply();

    var pod = new PodBuilder().withNewMetadata().withName("root").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("busybox")
        .withNewSecurityContext().withPrivileged(true).endSecurityContext().endContainer().endSpec().build();

    assertThatThrownBy(() -> admin.pods().inNamespace("cp-restricted").resource(pod).create())
        .hasMessageContaining("violates PodSecurity \"restricted:latest\"")
        .hasMessageContaining("privileged");
  }

  @Test
  void anImpersonatedUserWithoutBindingsIsDenied(RealCluster.Cluster cluster) {
    try (KubernetesClient nobody = cluster.as("nobody@example.org")) {
      assertThatThrownBy(() -> nobody.resources(Tenant.class).list())
          .isInstanceOf(KubernetesClientException.class)
          .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403))
          .hasMessageContaining("User \"nobody@example.org\" cannot list resource \"tenants\"");
    }
  }

  @Test
  void theExamplesAreAcceptedByTheRealSchema(RealCluster.Cluster cluster) {
    Examples.regions().values().forEach(r -> cluster.admin().resource(r).fieldManager("e2e").forceConflicts().serverSideApply());
    Examples.classifications().values().forEach(c -> cluster.admin().resource(c).fieldManager("e2e").forceConflicts().serverSideApply());

    assertThat(cluster.admin().resources(io.tenantguard.api.v1alpha1.region.Region.class).withName("fr-paris").get()
        .getSpec().certifications()).hasSize(3);
  }

  private static ConfigMap configMap(String name, ConfigMap owner) {
    ConfigMapBuilder builder = new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("k", "v");
    if (owner != null) {
      builder.editMetadata().addNewOwnerReference().withApiVersion("v1").withKind("ConfigMap")
          .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).endOwnerReference().endMetadata();
    }
    return builder.build();
  }
}
