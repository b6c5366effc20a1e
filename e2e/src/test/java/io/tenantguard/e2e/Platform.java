package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.testing.Examples;
import java.time.Duration;

/** The example platform applied to the real cluster, as a platform team would apply it. */
final class Platform {
  static final Duration PATIENCE = Duration.ofSeconds(60);

  private Platform() {}

  /**
   * The example platform applied and both of its tenants Ready, with the shared operator running;
   * returns the admin client.
   */
  static KubernetesClient examplesReady(RealCluster.Cluster cluster) {
    cluster.operator();
    KubernetesClient admin = cluster.admin();
    applyExamples(admin);
    awaitPhase(admin, "clinique-horizon", TenantPhase.Ready);
    awaitPhase(admin, "lumiere-media", TenantPhase.Ready);
    return admin;
  }

  static void applyExamples(KubernetesClient admin) {
    Examples.regions().values().forEach(r -> apply(admin, r));
    Examples.classifications().values().forEach(c -> apply(admin, c));
    apply(admin, Examples.tenant("clinique-horizon"));
    apply(admin, Examples.tenant("lumiere-media"));
  }

  static void apply(KubernetesClient admin, HasMetadata object) {
    object.getMetadata().setResourceVersion(null);
    object.getMetadata().setManagedFields(null);
    admin.resource(object).fieldManager("platform-team").forceConflicts().serverSideApply();
  }

  static Tenant awaitPhase(KubernetesClient admin, String name, TenantPhase phase) {
    await().atMost(PATIENCE).untilAsserted(() -> {
      Tenant tenant = admin.resources(Tenant.class).withName(name).get();
      assertThat(tenant.getStatus()).as("status of " + name).isNotNull();
      assertThat(tenant.getStatus().phase()).as("phase of " + name + ": " + tenant.getStatus()).isEqualTo(phase);
    });
    return admin.resources(Tenant.class).withName(name).get();
  }
}
