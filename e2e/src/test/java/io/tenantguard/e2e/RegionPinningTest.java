package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
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
import io.tenantguard.placement.RegionPinningPolicy;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HDS 4.4.7.1 on the real control plane: health data runs only where the client chose, on every
 * kind of workload the pinning policy names, created or updated; an affinity pins only when it
 * requires the region's nodes.
 */
@ExtendWith(RealCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionPinningTest {
  private static final Map<String, String> PARIS = Map.of("topology.kubernetes.io/region", "fr-paris");
  private static final Map<String, String> FRANKFURT = Map.of("topology.kubernetes.io/region", "de-frankfurt");
  private static final String RECORDS = "horizon-records";
  private static final String MUST_PIN = "must set nodeSelector topology.kubernetes.io/region=fr-paris";

  private KubernetesClient admin;
  private KubernetesClient developer;

  @BeforeAll
  void platform(RealCluster.Cluster cluster) {
    admin = Platform.examplesProvisioned(cluster);
    developer = cluster.as("dev@clinique-horizon.example", "horizon-developers");
  }

  @Test
  void anUnpinnedPodIsRefusedWithTheRegionNamed() {
    Attacks.refused(Attacks.Rule.policy(RegionPinningPolicy.NAME, "namespace horizon-records is pinned to region fr-paris",
            "must set nodeSelector topology.kubernetes.io/region=fr-paris"),
        () -> developer.pods().inNamespace(RECORDS).resource(Workloads.pod("unpinned", Map.of())).create());
  }

  @Test
  void anUnpinnedDeploymentIsRefusedWithTheRegionNamed() {
    Attacks.refused(Attacks.Rule.policy(RegionPinningPolicy.NAME, "pinned to region fr-paris",
            "Deployment must set nodeSelector topology.kubernetes.io/region=fr-paris"),
        () -> developer.apps().deployments().inNamespace(RECORDS).resource(Workloads.deployment("unpinned", Map.of())).create());
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
    Attacks.refused(Attacks.Rule.policy(RegionPinningPolicy.NAME, "pinned to region fr-paris"),
        () -> developer.pods().inNamespace(RECORDS).resource(Workloads.pod("frankfurt", FRANKFURT)).create());
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

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"StatefulSet", "ReplicaSet", "Job", "CronJob"})
  void everyWorkloadKindIsRefusedUnpinnedAndAdmittedPinned(String kind) {
    Attacks.refused(Attacks.Rule.policy(RegionPinningPolicy.NAME, "pinned to region fr-paris", kind + " " + MUST_PIN),
        () -> developer.resource(workload(kind, "unpinned-" + kind.toLowerCase(), Map.of())).inNamespace(RECORDS)
            .dryRun().create());
    assertThatCode(() -> developer.resource(workload(kind, "pinned-" + kind.toLowerCase(), PARIS)).inNamespace(RECORDS)
        .dryRun().create()).doesNotThrowAnyException();
  }

  /** Tenant roles create no DaemonSet (RBAC); a platform admin who does is held to the pin too. */
  @Test
  void aDaemonSetIsRefusedToTenantsByRbacAndUnpinnedToAdminsByThePolicy() {
    Attacks.refused(Attacks.Rule.rbac("cannot create resource \"daemonsets\""),
        () -> developer.resource(workload("DaemonSet", "tenant-agent", PARIS)).inNamespace(RECORDS).dryRun().create());
    assertThatThrownBy(() -> admin.resource(workload("DaemonSet", "agent", Map.of())).inNamespace(RECORDS).dryRun().create())
        .hasMessageContaining("ValidatingAdmissionPolicy '" + RegionPinningPolicy.NAME + "'")
        .hasMessageContaining("DaemonSet " + MUST_PIN);
    assertThatCode(() -> admin.resource(workload("DaemonSet", "agent", PARIS)).inNamespace(RECORDS).dryRun().create())
        .doesNotThrowAnyException();
  }

  @Test
  void anUpdateThatDropsThePinIsRefused() {
    var deployments = developer.apps().deployments().inNamespace(RECORDS);
    deployments.resource(Workloads.deployment("pinned-then-not", PARIS)).create();

    Attacks.refused(Attacks.Rule.policy(RegionPinningPolicy.NAME, "Deployment " + MUST_PIN),
        () -> deployments.withName("pinned-then-not").edit(d -> {
          d.getSpec().getTemplate().getSpec().setNodeSelector(Map.of());
          return d;
        }));
    Attacks.refused(Attacks.Rule.policy(RegionPinningPolicy.NAME, "Deployment " + MUST_PIN),
        () -> deployments.withName("pinned-then-not").edit(d -> {
          d.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("topology.kubernetes.io/region", "us-east"));
          return d;
        }));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "NotIn: [{key: topology.kubernetes.io/region, operator: NotIn, values: [us-east]}]",
      "In two regions: [{key: topology.kubernetes.io/region, operator: In, values: [fr-paris, us-east]}]",
      "another label: [{key: topology.kubernetes.io/zone, operator: In, values: [fr-par-1]}]",
      "Exists: [{key: topology.kubernetes.io/region, operator: Exists}]"})
  void anAffinityThatDoesNotPinIsRefused(String expressions) {
    Affinity affinity = Serialization.unmarshal("""
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions: %s
        """.formatted(expressions.substring(expressions.indexOf(':') + 1).trim()), Affinity.class);

    Attacks.refused(Attacks.Rule.policy(RegionPinningPolicy.NAME, "Pod " + MUST_PIN),
        () -> developer.pods().inNamespace(RECORDS).resource(Workloads.pod("affinity", Map.of(), spec -> {
          spec.setAffinity(affinity);
          return spec;
        })).dryRun().create());
  }

  @Test
  void aPreferredAffinityDoesNotPinEither() {
    Affinity preferred = Serialization.unmarshal("""
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              preference:
                matchExpressions: [{key: topology.kubernetes.io/region, operator: In, values: [fr-paris]}]
        """, Affinity.class);

    Attacks.refused(Attacks.Rule.policy(RegionPinningPolicy.NAME, "Pod " + MUST_PIN),
        () -> developer.pods().inNamespace(RECORDS).resource(Workloads.pod("preferred", Map.of(), spec -> {
          spec.setAffinity(preferred);
          return spec;
        })).dryRun().create());
  }

  /** A workload of {@code kind} whose pods are compliant with Pod Security restricted. */
  private static HasMetadata workload(String kind, String name, Map<String, String> nodeSelector) {
    PodSpec pod = Workloads.compliantSpec(nodeSelector);
    BiFunction<PodSpec, String, PodTemplateSpec> template = (spec, restart) -> new PodTemplateSpecBuilder()
        .withNewMetadata().addToLabels("app", name).endMetadata()
        .withSpec(restart == null ? spec : new io.fabric8.kubernetes.api.model.PodSpecBuilder(spec)
            .withRestartPolicy(restart).build())
        .build();
    return switch (kind) {
      case "StatefulSet" -> new StatefulSetBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
          .withNewSelector().addToMatchLabels("app", name).endSelector().withTemplate(template.apply(pod, null))
          .endSpec().build();
      case "DaemonSet" -> new DaemonSetBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
          .withNewSelector().addToMatchLabels("app", name).endSelector().withTemplate(template.apply(pod, null))
          .endSpec().build();
      case "ReplicaSet" -> new ReplicaSetBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
          .withNewSelector().addToMatchLabels("app", name).endSelector().withTemplate(template.apply(pod, null))
          .endSpec().build();
      case "Job" -> new JobBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
          .withTemplate(template.apply(pod, "Never")).endSpec().build();
      case "CronJob" -> new CronJobBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
          .withSchedule("0 3 * * *").withNewJobTemplate().withNewSpec().withTemplate(template.apply(pod, "Never"))
          .endSpec().endJobTemplate().endSpec().build();
      default -> throw new IllegalArgumentException(kind);
    };
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
