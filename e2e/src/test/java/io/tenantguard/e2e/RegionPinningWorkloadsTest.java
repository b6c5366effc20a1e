package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.tenantguard.placement.RegionPinningPolicy;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Region pinning on every kind of workload the pinning policy names, on the real control plane, as
 * the health tenant's developer: unpinned it is refused by the policy naming the kind, pinned it is
 * admitted; an update that drops the pin is refused; an affinity that does not pin is refused.
 */
@ExtendWith(RealCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionPinningWorkloadsTest {
  private static final Map<String, String> PARIS = Map.of("topology.kubernetes.io/region", "fr-paris");
  private static final String RECORDS = "horizon-records";
  private static final String MUST_PIN = "must set nodeSelector topology.kubernetes.io/region=fr-paris";

  private KubernetesClient admin;
  private KubernetesClient developer;

  @BeforeAll
  void platform(RealCluster.Cluster cluster) {
    admin = Platform.examplesProvisioned(cluster);
    developer = cluster.as("dev@clinique-horizon.example", "horizon-developers");
  }

  @AfterAll
  void closeClient() {
    developer.close();
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
}
