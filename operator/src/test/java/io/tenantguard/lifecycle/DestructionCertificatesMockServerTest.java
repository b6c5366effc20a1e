package io.tenantguard.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificate;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificateSpec;
import io.tenantguard.api.v1alpha1.tenant.LifecycleState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class DestructionCertificatesMockServerTest {
  KubernetesMockServer server;
  KubernetesClient client;
  private final Tenant tenant = LifecycleFixtures.tenant(LifecycleState.Terminated, null, true, null);

  @BeforeEach
  void certificatesServed() {
    server.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(DestructionCertificate.class));
  }

  private static DestructionCertificateSpec content(String destroyedAt) {
    return new DestructionCertificateSpec("clinic", "7f3a9c2e-1111-2222-3333-444455556666", "Clinic", List.of(),
        List.of("health"), List.of(), List.of(), "2026-06-10T14:23:05Z", "PT40S", "2026-06-10T14:23:45Z",
        "2026-06-10T14:23:46Z", destroyedAt, "P1Y", "2027-06-10T14:24:00Z", List.of(), List.of(), "1.0.0", null, null,
        null);
  }

  @Test
  void aSecondReplicaOrARetryFindsTheCertificateInsteadOfWritingAnother() {
    DestructionCertificate first = new DestructionCertificates(client, SigningKey.generated())
        .issue(tenant, content("2026-06-10T14:24:00Z"));
    DestructionCertificate second = new DestructionCertificates(client, SigningKey.generated())
        .issue(tenant, content("2026-06-10T14:25:00Z"));

    assertThat(client.resources(DestructionCertificate.class).list().getItems()).hasSize(1);
    assertThat(first.getMetadata().getName()).isEqualTo("clinic-7f3a9c2e");
    assertThat(second.getSpec().destroyedAt()).as("the one written first").isEqualTo("2026-06-10T14:24:00Z");
    assertThat(first.getMetadata().getFinalizers()).containsExactly(DestructionCertificates.FINALIZER);
  }

  @Test
  void whatIsWrittenVerifiesAsReadBack() {
    SigningKey key = SigningKey.generated();
    new DestructionCertificates(client, key).issue(tenant, content("2026-06-10T14:24:00Z"));

    DestructionCertificate stored = client.resources(DestructionCertificate.class).withName("clinic-7f3a9c2e").get();

    assertThat(CertificateSeal.problems(client.getKubernetesSerialization().convertValue(stored.getSpec(), JsonNode.class),
        key.publicKey())).isEmpty();
  }
}
