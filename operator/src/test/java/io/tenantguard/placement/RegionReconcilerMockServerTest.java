package io.tenantguard.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.tenantguard.api.v1alpha1.region.Region;
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

  private void createNode(String name, String region) {
    client.nodes().resource(new NodeBuilder()
        .withNewMetadata().withName(name).withLabels(Map.of("topology.kubernetes.io/region", region)).endMetadata()
        .build()).create();
  }
}
