package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.e2e.bench.OperatorProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator killed with SIGKILL at random moments while it provisions tenants (mid-start, or
 * with a wave of new tenants in flight), then started once more: everything converges to its plan,
 * with no duplicate or stray object, and nothing of a namespace it does not own touched. The
 * default run kills it 3 times over 12 tenants; {@code e2e/faults} 10 times over 50.
 */
@ExtendWith(RealCluster.class)
@Order(Integer.MAX_VALUE - 3) // runs operators of its own: after the suites that share one
class CrashRecoveryTest {
  private static final String FOREIGN = "crash-foreign";
  private static final Duration CONVERGENCE_PATIENCE = Duration.ofMinutes(5);

  @Test
  void killedAtRandomMomentsWhileProvisioningItConvergesAndTouchesNothingForeign(RealCluster.Cluster cluster)
      throws Exception {
    cluster.stopOperator();
    KubernetesClient admin = cluster.admin();
    int kills = Integer.getInteger("tenantguard.faults.crashKills", 3);
    int tenants = Integer.getInteger("tenantguard.faults.crashTenants", 12);
    long seed = Long.getLong("tenantguard.faults.seed", System.nanoTime());
    Random random = new Random(seed);
    ReliabilityFigures.put("crash_seed", seed);
    Platform.applyRegionsAndClassifications(admin);
    Map<String, String> foreignVersions = foreignNamespaceWithData(admin);

    List<String> names = new ArrayList<>();
    for (int life = 0; life < kills; life++) {
      try (OperatorProcess operator = start(cluster, "crash-" + life)) {
        boolean midStart = random.nextInt(3) == 0;
        if (!midStart) {
          operator.awaitReady(Duration.ofMinutes(2));
        }
        // a wave of new tenants, and a change to every earlier one, in flight when it dies
        for (int i = names.size(); i < (life + 1) * tenants / kills; i++) {
          names.add("crash-" + i);
        }
        names.forEach(name -> Platform.apply(admin, tenant(name, names.indexOf(name) == 0)));
        Thread.sleep(random.nextInt(midStart ? 2_000 : 1_000));
        operator.kill();
      }
    }
    long start = System.nanoTime();
    try (OperatorProcess operator = start(cluster, "crash-last")) {
      operator.awaitReady(Duration.ofMinutes(2));
      await().atMost(CONVERGENCE_PATIENCE).until(() -> names.stream().allMatch(name -> converged(admin, name)));
      ReliabilityFigures.put("crash_convergence_after_last_start_seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
      List<String> differences = names.stream()
          .flatMap(name -> PlanConformance.differences(admin, name).stream().map(d -> name + ": " + d))
          .toList();
      ReliabilityFigures.put("crash_kills", kills);
      ReliabilityFigures.put("crash_tenants", tenants);
      ReliabilityFigures.put("crash_objects_differing_from_plan", differences.size());
      ReliabilityFigures.put("crash_foreign_objects_changed", changed(foreignVersions, foreignNamespaceVersions(admin)));
      assertThat(differences).as("objects differing from their tenant's plan (seed " + seed + ")").isEmpty();
      assertThat(foreignNamespaceVersions(admin)).as("the foreign namespace and its data").isEqualTo(foreignVersions);
      assertThat(admin.resources(Tenant.class).withName("crash-0").get().getStatus().namespaces())
          .filteredOn(ns -> ns.name().equals(FOREIGN))
          .singleElement()
          .satisfies(ns -> assertThat(ns.state()).isEqualTo(NamespaceState.Conflict));
    }
  }

  /**
   * Killed the moment a terminated tenant's destruction has begun: started again, it finishes it
   * once, at the deadline it had written, with exactly one certificate and nothing of the tenant left.
   */
  @Test
  void killedMidDestructionItFinishesOnceWithOneCertificate(RealCluster.Cluster cluster) throws Exception {
    cluster.stopOperator();
    KubernetesClient admin = cluster.admin();
    Platform.applyRegionsAndClassifications(admin);
    Platform.apply(admin, io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
        apiVersion: tenantguard.io/v1alpha1
        kind: DataClassification
        metadata: {name: crash-ephemeral}
        spec:
          retention: {afterTermination: PT3S, destructionProof: PT10M}
        """, io.tenantguard.api.v1alpha1.classification.DataClassification.class));
    String name = "crash-doomed";
    Tenant doomed = Tenants.tenant(name, List.of(Certification.ISO27001),
        Tenants.namespace(name + "-a", "de-frankfurt", "crash-ephemeral"),
        Tenants.namespace(name + "-b", "de-frankfurt", "crash-ephemeral"));
    try (OperatorProcess operator = start(cluster, "crash-destroying", "--min-retention", "PT0S")) {
      operator.awaitReady(Duration.ofMinutes(2));
      Platform.apply(admin, doomed);
      await().atMost(CONVERGENCE_PATIENCE).until(() -> converged(admin, name));
      for (String namespace : List.of(name + "-a", name + "-b")) {
        admin.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("records")
            .endMetadata().addToData("patient", "42").build()).serverSideApply();
      }
      Platform.apply(admin, io.tenantguard.testing.TenantEdits.lifecycle(doomed,
          new io.tenantguard.api.v1alpha1.tenant.Lifecycle(io.tenantguard.api.v1alpha1.tenant.LifecycleState.Terminated,
              null, null)));
      await().atMost(CONVERGENCE_PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
        Tenant tenant = admin.resources(Tenant.class).withName(name).get();
        return tenant.getStatus() != null && tenant.getStatus().deletion() != null
            && tenant.getStatus().deletion().destructionStartedAt() != null;
      });
      operator.kill();
    }
    String deadline = admin.resources(Tenant.class).withName(name).get().getStatus().deletion().dataAccessibleUntil();
    try (OperatorProcess operator = start(cluster, "crash-destroyed", "--min-retention", "PT0S")) {
      operator.awaitReady(Duration.ofMinutes(2));
      await().atMost(CONVERGENCE_PATIENCE).until(() ->
          admin.resources(Tenant.class).withName(name).get().getStatus().phase()
              == io.tenantguard.api.v1alpha1.tenant.TenantPhase.Destroyed);
      Tenant destroyed = admin.resources(Tenant.class).withName(name).get();
      long certificates = admin.resources(io.tenantguard.api.v1alpha1.certificate.DestructionCertificate.class).list()
          .getItems().stream().filter(c -> c.getSpec().tenant().equals(name)).count();
      ReliabilityFigures.put("crash_mid_destruction_certificates", certificates);
      assertThat(certificates).as("certificates of the tenant killed mid-destruction").isEqualTo(1);
      assertThat(destroyed.getStatus().deletion().dataAccessibleUntil()).as("its deadline, as first written")
          .isEqualTo(deadline);
      assertThat(admin.namespaces().withLabel(io.tenantguard.kube.Labels.TENANT, name).list().getItems())
          .as("namespaces of the destroyed tenant").isEmpty();
    }
  }

  private static OperatorProcess start(RealCluster.Cluster cluster, String life, String... options) throws Exception {
    Path log = E2e.repoRoot().resolve("e2e/target/faults/" + life + ".log");
    return OperatorProcess.start(E2e.repoRoot().resolve("operator/target/tenantguard.jar"),
        cluster.operatorIdentity().kubeconfig(log.resolveSibling("operator.kubeconfig")), OperatorProcess.freePort(), log,
        options);
  }

  /** Its current generation applied in full, its namespaces provisioned (the first one's foreign one in Conflict). */
  private static boolean converged(KubernetesClient admin, String name) {
    Tenant tenant = admin.resources(Tenant.class).withName(name).get();
    return tenant != null && tenant.getStatus() != null
        && java.util.Objects.equals(tenant.getStatus().observedGeneration(), tenant.getMetadata().getGeneration())
        && tenant.getStatus().namespaces().stream()
            .allMatch(ns -> ns.state() == NamespaceState.Provisioned || ns.name().equals(FOREIGN));
  }

  /** A health and a public namespace; the first tenant also names a namespace it does not own. */
  private static Tenant tenant(String name, boolean namesForeign) {
    List<io.tenantguard.api.v1alpha1.tenant.TenantNamespace> namespaces = new ArrayList<>(List.of(
        Tenants.namespace(name + "-records", "fr-paris", "health"),
        Tenants.namespace(name + "-web", "fr-paris", "public")));
    if (namesForeign) {
      namespaces.add(Tenants.namespace(FOREIGN, "fr-paris", "public"));
    }
    return Tenants.tenant(name, List.of(Certification.HDS),
        namespaces.toArray(io.tenantguard.api.v1alpha1.tenant.TenantNamespace[]::new));
  }

  private static Map<String, String> foreignNamespaceWithData(KubernetesClient admin) {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(FOREIGN).endMetadata().build())
        .serverSideApply();
    admin.configMaps().inNamespace(FOREIGN).resource(new ConfigMapBuilder().withNewMetadata().withName("ledger")
        .endMetadata().addToData("balance", "42").build()).serverSideApply();
    return foreignNamespaceVersions(admin);
  }

  /** The resource versions of the foreign namespace and of every object in it: any write changes one. */
  private static Map<String, String> foreignNamespaceVersions(KubernetesClient admin) {
    Map<String, String> versions = new java.util.TreeMap<>();
    versions.put("Namespace " + FOREIGN, admin.namespaces().withName(FOREIGN).get().getMetadata().getResourceVersion());
    admin.configMaps().inNamespace(FOREIGN).list().getItems().stream()
        .filter(cm -> !cm.getMetadata().getName().equals("kube-root-ca.crt"))
        .forEach(cm -> versions.put("ConfigMap " + cm.getMetadata().getName(), cm.getMetadata().getResourceVersion()));
    for (var kind : List.of(io.fabric8.kubernetes.api.model.rbac.RoleBinding.class,
        io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class,
        io.fabric8.kubernetes.api.model.ResourceQuota.class, io.fabric8.kubernetes.api.model.LimitRange.class)) {
      admin.resources(kind).inNamespace(FOREIGN).list().getItems()
          .forEach(o -> versions.put(o.getKind() + " " + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
    }
    return versions;
  }

  private static long changed(Map<String, String> before, Map<String, String> after) {
    return after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).count()
        + before.keySet().stream().filter(k -> !after.containsKey(k)).count();
  }
}
