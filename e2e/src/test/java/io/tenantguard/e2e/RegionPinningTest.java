package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.placement.PlacementCapability;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** HDS 4.4.7.1 on the real control plane: health data runs only where the client chose. */
@ExtendWith(RealCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionPinningTest {
  private static final Map<String, String> PARIS = Map.of("topology.kubernetes.io/region", "fr-paris");
  private static final Map<String, String> FRANKFURT = Map.of("topology.kubernetes.io/region", "de-frankfurt");
  private static final String RECORDS = "horizon-records";

  private KubernetesClient admin;
  private KubernetesClient developer;

  @BeforeAll
  void platform(RealCluster.Cluster cluster) {
    admin = Platform.examplesProvisioned(cluster);
    developer = cluster.as("dev@clinique-horizon.example", "horizon-developers");
  }

  @Test
  void anUnpinnedPodIsRefusedWithTheRegionNamed() {
    assertThatThrownBy(() -> developer.pods().inNamespace(RECORDS).resource(Workloads.pod("unpinned", Map.of())).create())
        .hasMessageContaining("namespace horizon-records is pinned to region fr-paris")
        .hasMessageContaining("must set nodeSelector topology.kubernetes.io/region=fr-paris");
  }

  @Test
  void anUnpinnedDeploymentIsRefusedWithTheRegionNamed() {
    assertThatThrownBy(() -> developer.apps().deployments().inNamespace(RECORDS)
            .resource(Workloads.deployment("unpinned", Map.of())).create())
        .hasMessageContaining("pinned to region fr-paris")
        .hasMessageContaining("Deployment must set nodeSelector topology.kubernetes.io/region=fr-paris");
  }

  @Test
  void aPodPinnedToItsRegionIsAdmitted() {
    assertThatCode(() -> developer.pods().inNamespace(RECORDS).resource(Workloads.pod("pinned", PARIS)).create())
        .doesNotThrowAnyException();
  }

  @Test
  void aPodPinnedThroughRequiredNodeAffinityIsAdmitted() {
    var pod = Workloads.pod("affinity", Map.of(), spec -> {
      spec.setAffinity(Serialization.unmarshal("""
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions: [{key: topology.kubernetes.io/region, operator: In, values: [fr-paris]}]
          """, io.fabric8.kubernetes.api.model.Affinity.class));
      return spec;
    });
    assertThatCode(() -> developer.pods().inNamespace(RECORDS).resource(pod).create()).doesNotThrowAnyException();
  }

  @Test
  void aPodPinnedToAnotherRegionIsRefused() {
    assertThatThrownBy(() -> developer.pods().inNamespace(RECORDS).resource(Workloads.pod("frankfurt", FRANKFURT)).create())
        .hasMessageContaining("pinned to region fr-paris");
  }

  @Test
  void healthDataAskedIntoANonHdsRegionIsRefusedWithTheReason() {
    Tenant tenant = tenant("pin-refused", "pin-refused-records", "de-frankfurt");
    Platform.apply(admin, tenant);

    Tenant violated = Platform.awaitPhase(admin, "pin-refused", TenantPhase.Degraded);

    var pinned = Conditions.find(violated.getStatus().conditions(), StatusConditions.REGION_PINNED);
    assertThat(pinned.getStatus()).isEqualTo("False");
    assertThat(pinned.getReason()).isEqualTo(PlacementCapability.PLACEMENT_REFUSED);
    assertThat(pinned.getMessage())
        .contains("classification health requires certification HDS, which region de-frankfurt (DE, EU) does not hold")
        .contains("allows countries FR only, and region de-frankfurt (DE, EU) is in DE");
    assertThat(admin.namespaces().withName("pin-refused-records").get()).isNull();
  }

  @Test
  void aRegionLosingHdsFlipsItsTenantsToViolatedWithoutTouchingTheirData() {
    Region lyon = Serialization.unmarshal("""
        apiVersion: tenantguard.io/v1alpha1
        kind: Region
        metadata: {name: fr-lyon}
        spec:
          country: FR
          jurisdiction: EU
          hostingCentres: ["LYO1 Vénissieux"]
          certifications: [ISO27001, HDS]
          nodeSelector: {topology.kubernetes.io/region: fr-lyon}
          storage: {provisioner: csi.block.example.cloud, parameters: {encrypted: "true"}, keyParameter: kmsKeyId}
          maintenance:
            - {description: network upgrade, start: '%s', end: '%s'}
        """.formatted(java.time.Instant.now().plus(java.time.Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            java.time.Instant.now().plus(java.time.Duration.ofDays(3).plusHours(4)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
        Region.class);
    Platform.apply(admin, lyon);
    Platform.apply(admin, tenant("pin-lyon", "pin-lyon-records", "fr-lyon"));
    Tenant ready = Platform.awaitProvisioned(admin, "pin-lyon");
    assertThat(ready.getStatus().hostingCentres()).containsExactly("LYO1 Vénissieux");
    var maintenance = Conditions.find(ready.getStatus().conditions(), StatusConditions.MAINTENANCE_PLANNED);
    assertThat(maintenance.getStatus()).isEqualTo("True");
    assertThat(maintenance.getMessage()).contains("region fr-lyon: maintenance from").contains("(network upgrade) affects namespaces pin-lyon-records");

    admin.resources(Region.class).withName("fr-lyon")
        .edit(r -> withCertifications(r, List.of(Certification.ISO27001)));

    Tenant violated = Platform.awaitPhase(admin, "pin-lyon", TenantPhase.Degraded);
    await().atMost(Platform.PATIENCE).until(() -> admin.resources(Tenant.class).withName("pin-lyon").get()
        .getStatus().namespaces().get(0).state() == NamespaceState.Violated);
    violated = admin.resources(Tenant.class).withName("pin-lyon").get();
    assertThat(violated.getStatus().namespaces().get(0).state()).isEqualTo(NamespaceState.Violated);
    assertThat(Conditions.find(violated.getStatus().conditions(), StatusConditions.REGION_PINNED).getReason())
        .isEqualTo(PlacementCapability.PLACEMENT_VIOLATED);
    await().atMost(Platform.PATIENCE).untilAsserted(() ->
        assertThat(admin.v1().events().inNamespace("default").list().getItems())
            .anyMatch(e -> "pin-lyon".equals(e.getInvolvedObject().getName()) && "PlacementViolated".equals(e.getReason())));
    assertThat(admin.namespaces().withName("pin-lyon-records").get().getMetadata().getDeletionTimestamp()).isNull();
  }

  private static Region withCertifications(Region region, List<Certification> certifications) {
    var s = region.getSpec();
    region.setSpec(new io.tenantguard.api.v1alpha1.region.RegionSpec(s.displayName(), s.country(), s.jurisdiction(),
        s.zones(), s.hostingCentres(), certifications, s.nodeSelector(), s.storage(), s.maintenance()));
    return region;
  }

  private static Tenant tenant(String name, String namespace, String region) {
    return Tenants.tenant(name, List.of(Certification.HDS), Tenants.namespace(namespace, region, "health"));
  }
}
