package io.tenantguard.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificate;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.operator.OperatorSettings;
import java.io.IOException;
import java.time.Clock;
import java.util.stream.Stream;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;

/** The whole operator on the Fabric8 CRUD mock server, with server-side apply off (the mock lacks it). */
public final class MockServerOperator {
  private MockServerOperator() {}

  public static OperatorRuntime start(KubernetesMockServer server, KubernetesClient client, Clock clock)
      throws IOException {
    Stream.of(Region.class, DataClassification.class, Tenant.class, DestructionCertificate.class)
        .map(CustomResourceDefinitionContext::fromCustomResourceType)
        .forEach(server::expectCustomResource);
    OperatorRuntime runtime =
        new OperatorRuntime(
            OperatorSettings.local(false),
            client,
            clock,
            o -> o.withUseSSAToPatchPrimaryResource(false).withSSABasedCreateUpdateMatchForDependentResources(false),
            status -> {
              throw new AssertionError("the operator asked to exit with status " + status);
            });
    runtime.start();
    return runtime;
  }
}
