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
   * The example platform applied and both of its tenants provisioned, with the shared operator
   * running; returns the admin client. The media company is Ready; the hospital group is not while
   * the access reviews its classifications require are not enforced.
   */
  static KubernetesClient examplesProvisioned(RealCluster.Cluster cluster) {
    cluster.operator();
    KubernetesClient admin = cluster.admin();
    applyExamples(admin);
    awaitProvisioned(admin, "clinique-horizon");
    awaitPhase(admin, "lumiere-media", TenantPhase.Ready);
    return admin;
  }

  /** Waits until the tenant's current generation is applied in full, every namespace provisioned. */
  static Tenant awaitProvisioned(KubernetesClient admin, String name) {
    await().atMost(PATIENCE).untilAsserted(() -> {
      Tenant tenant = admin.resources(Tenant.class).withName(name).get();
      assertThat(Provisioned.in(tenant)).as("provisioned: " + name + " " + tenant.getStatus()).isTrue();
    });
    return admin.resources(Tenant.class).withName(name).get();
  }

  /** A cluster admin of the platform team (system:masters), who is not the operator: what it is refused, all are. */
  static KubernetesClient platformAdmin(RealCluster.Cluster cluster) {
    return cluster.as("platform-admin@provider.example", "system:masters");
  }

  static void applyExamples(KubernetesClient admin) {
    applyRegionsAndClassifications(admin);
    apply(admin, Examples.tenant("clinique-horizon"));
    apply(admin, Examples.tenant("lumiere-media"));
  }

  static void applyRegionsAndClassifications(KubernetesClient admin) {
    Examples.regions().values().forEach(r -> apply(admin, r));
    Examples.classifications().values().forEach(c -> apply(admin, c));
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
