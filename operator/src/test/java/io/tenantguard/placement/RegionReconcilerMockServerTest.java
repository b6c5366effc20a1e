package io.tenantguard.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.testing.Examples;
import io.tenantguard.testing.TenantEdits;
import java.util.List;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.testing.Manifests;
import io.tenantguard.testing.MockServerOperator;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class RegionReconcilerMockServerTest {
  KubernetesMockServer server;
  KubernetesClient client;
  private OperatorRuntime operator;

  @BeforeEach
  void startOperator() throws Exception {
    operator = MockServerOperator.start(server, client, Clock.systemUTC());
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  @Test
  void regionStatusCountsTheNodesItsSelectorMatches() {
    Region paris = Manifests.load(Manifests.repoRoot().resolve("examples/regions.yaml"), Region.class).get(0);
    client.resource(paris).create();

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Region seen = client.resources(Region.class).withName("fr-paris").get();
      assertThat(seen.getStatus()).isNotNull();
      assertThat(seen.getStatus().matchingNodes()).isZero();
      assertThat(Conditions.find(seen.getStatus().conditions(), StatusConditions.READY).getReason())
          .isEqualTo("NoMatchingNodes");
    });

    createNode("par-node-1", "fr-paris");
    createNode("fra-node-1", "de-frankfurt");

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Region seen = client.resources(Region.class).withName("fr-paris").get();
      assertThat(seen.getStatus().matchingNodes()).isEqualTo(1);
      assertThat(Conditions.isTrue(seen.getStatus().conditions(), StatusConditions.READY)).isTrue();
      assertThat(seen.getStatus().observedGeneration()).isEqualTo(seen.getMetadata().getGeneration());
    });
  }

  @Test
  void regionsAndClassificationsListTheTenantsNamingThemAsTheTenantsChange() {
    Examples.regions().values().forEach(r -> client.resource(r).create());
    Examples.classifications().values().forEach(c -> client.resource(c).create());
    client.resource(Examples.tenant("lumiere-media")).create();
    awaitTenants(Region.class, Map.of("de-frankfurt", List.of("lumiere-media"), "fr-paris", List.of()));
    awaitTenants(DataClassification.class, Map.of("public", List.of("lumiere-media"), "personal", List.of()));

    // an edit of the latest version: the operator writes the Tenant too (its finalizer, its status)
    client.resources(Tenant.class).withName("lumiere-media").edit(lumiere -> TenantEdits.namespaces(lumiere,
        namespaces -> namespaces.stream()
            .map(ns -> new TenantNamespace(ns.name(), "fr-paris", "personal", ns.quota()))
            .toList()));
    awaitTenants(Region.class, Map.of("de-frankfurt", List.of(), "us-east", List.of(), "fr-paris", List.of("lumiere-media")));
    awaitTenants(DataClassification.class, Map.of("public", List.of(), "personal", List.of("lumiere-media")));

    client.resources(Tenant.class).withName("lumiere-media").delete();
    awaitTenants(Region.class, Map.of("fr-paris", List.of()));
    awaitTenants(DataClassification.class, Map.of("personal", List.of()));
  }

  private <T extends HasMetadata> void awaitTenants(Class<T> kind, Map<String, List<String>> tenantsByName) {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> tenantsByName.forEach((name, tenants) -> {
      T seen = client.resources(kind).withName(name).get();
      List<String> listed = seen instanceof Region region
          ? region.getStatus() == null ? null : region.getStatus().tenants()
          : ((DataClassification) seen).getStatus() == null ? null : ((DataClassification) seen).getStatus().tenants();
      assertThat(listed).as("the tenants %s %s lists", kind.getSimpleName(), name).isEqualTo(tenants);
    }));
  }

  private void createNode(String name, String region) {
    client.nodes().resource(new NodeBuilder()
        .withNewMetadata().withName(name).withLabels(Map.of("topology.kubernetes.io/region", region)).endMetadata()
        .build()).create();
  }
}
