package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.e2e.bench.OperatorProcess;
import io.tenantguard.e2e.bench.PrometheusText;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.local.ManifestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control plane fails under a running operator (its own process, as in production): the API
 * server restarted, etcd restarted, the API server out of the operator's reach. It reconnects,
 * converges, and never writes a tenant Ready from what it knew before; only a deleted CRD stops it,
 * with a message that says what to do. The default run cuts it off for 20 s; {@code e2e/faults} for 60.
 */
@ExtendWith(RealCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE - 4) // runs an operator of its own, and deletes a CRD at its end
class ControlPlaneFaultsTest {
  private static final Duration PATIENCE = Duration.ofMinutes(3);
  private static final String READY_TENANT = "cpf-ready";

  private RealCluster.Cluster cluster;
  private KubernetesClient admin;
  private Partition partition;
  private OperatorProcess operator;

  @BeforeAll
  void anOperatorReachingTheApiServerThroughARelay(RealCluster.Cluster cluster) throws Exception {
    Assumptions.assumeTrue(cluster.startedHere(), "restarts the control plane: only one this run started");
    this.cluster = cluster;
    cluster.stopOperator();
    admin = cluster.admin();
    Platform.applyRegionsAndClassifications(admin);
    Platform.apply(admin, Serialization.unmarshal("""
        apiVersion: tenantguard.io/v1alpha1
        kind: Region
        metadata: {name: cpf-paris}
        spec:
          country: FR
          jurisdiction: EU
          certifications: [ISO27001]
          nodeSelector: {topology.kubernetes.io/region: cpf-paris}
        """, Region.class));
    Platform.apply(admin, Serialization.unmarshal("""
        apiVersion: tenantguard.io/v1alpha1
        kind: DataClassification
        metadata: {name: cpf-french}
        spec:
          requirements: {allowedCountries: [FR]}
        """, DataClassification.class));
    partition = Partition.to(cluster.kubeconfig());
    Path output = E2e.repoRoot().resolve("e2e/target/faults");
    Files.createDirectories(output);
    operator = OperatorProcess.start(E2e.repoRoot().resolve("operator/target/tenantguard.jar"),
        partition.kubeconfig(unaudited(cluster).kubeconfig(output.resolve("operator.kubeconfig")),
            output.resolve("through-relay.kubeconfig")),
        OperatorProcess.freePort(), output.resolve("control-plane-faults.log"));
    operator.awaitReady(Duration.ofMinutes(2));
  }

  @Test
  @Order(1)
  void theApiServerRestartedMidProvisioningItConvergesWithoutAListStorm() throws Exception {
    List<String> names = applyTenants("cpf-a", 4);
    cluster.controlPlane("restart", "kube-apiserver");
    long restarted = System.nanoTime();
    awaitConverged(names);
    ReliabilityFigures.put("control_plane_apiserver_restart_convergence_seconds", seconds(restarted));
    // the API server's counters start afresh with it: every list of Tenants since then
    double tenantLists = PrometheusText.sum(admin.raw("/metrics"), "apiserver_request_total",
        labels -> labels.contains("verb=\"LIST\"") && labels.contains("resource=\"tenants\""));
    ReliabilityFigures.put("control_plane_apiserver_restart_tenant_lists", tenantLists);
    assertThat(tenantLists).as("lists of Tenants after the restart: once per informer at most, no storm").isLessThanOrEqualTo(8);
    assertThat(operator.isAlive()).isTrue();
  }

  @Test
  @Order(2)
  void etcdRestartedMidProvisioningItConverges() throws Exception {
    List<String> names = applyTenants("cpf-b", 4);
    cluster.controlPlane("restart", "etcd");
    long restarted = System.nanoTime();
    awaitConverged(names);
    ReliabilityFigures.put("control_plane_etcd_restart_convergence_seconds", seconds(restarted));
    assertThat(operator.isAlive()).isTrue();
  }

  /**
   * While the operator cannot reach the API server, its Region stops qualifying for the tenant's
   * data: once back, the operator may write the tenant's status only as not Ready.
   */
  @Test
  @Order(3)
  void cutOffItNeverWritesATenantReadyFromWhatItKnewBefore() throws Exception {
    Platform.apply(admin, Tenants.tenant(READY_TENANT, List.of(Certification.ISO27001),
        Tenants.namespace(READY_TENANT + "-data", "cpf-paris", "cpf-french")));
    await().atMost(PATIENCE).until(() -> ready(admin.resources(Tenant.class).withName(READY_TENANT).get()));
    List<String> written = new CopyOnWriteArrayList<>();
    SharedIndexInformer<Tenant> watch = admin.resources(Tenant.class).withName(READY_TENANT).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Tenant tenant) {}

      @Override
      public void onUpdate(Tenant before, Tenant tenant) {
        written.add(tenant.getMetadata().getResourceVersion() + " Ready=" + ready(tenant));
      }

      @Override
      public void onDelete(Tenant tenant, boolean finalStateUnknown) {}
    });
    try {
      int cutSeconds = Integer.getInteger("tenantguard.faults.partitionSeconds", 20);
      partition.cut();
      admin.resources(Region.class).withName("cpf-paris").edit(region -> {
        region.setSpec(Serialization.unmarshal(Serialization.asYaml(region.getSpec()).replace("country: \"FR\"", "country: \"DE\""),
            region.getSpec().getClass()));
        return region;
      });
      Thread.sleep(cutSeconds * 1000L);
      assertThat(operator.isAlive()).as("alive after " + cutSeconds + " s without the API server").isTrue();
      partition.heal();
      long healed = System.nanoTime();
      await().atMost(PATIENCE).until(() -> !ready(admin.resources(Tenant.class).withName(READY_TENANT).get()));
      ReliabilityFigures.put("control_plane_cut_off_seconds", cutSeconds);
      ReliabilityFigures.put("control_plane_status_corrected_after_heal_seconds", seconds(healed));
      ReliabilityFigures.put("control_plane_ready_written_on_stale_knowledge", written.stream().filter(w -> w.endsWith("Ready=true")).count());
      assertThat(written).as("statuses the operator wrote after the Region changed").isNotEmpty()
          .noneMatch(w -> w.endsWith("Ready=true"));
    } finally {
      partition.heal();
      watch.close();
    }
  }

  @Test
  @Order(4)
  void aDeletedCrdStopsItWithAMessageThatSaysWhatToDo() throws Exception {
    admin.apiextensions().v1().customResourceDefinitions().withName("tenants.tenantguard.io").delete();
    Integer status = operator.awaitExit(PATIENCE);
    ReliabilityFigures.put("control_plane_exit_status_after_crd_deleted", status == null ? -1 : status);
    assertThat(status).as("exit status once the Tenant CRD is gone").isEqualTo(2);
    assertThat(Files.readString(E2e.repoRoot().resolve("e2e/target/faults/control-plane-faults.log")))
        .contains("the CRD tenants.tenantguard.io was deleted")
        .contains("Reinstall it (kubectl apply -f crds/)");
  }

  @AfterAll
  void putBackWhatTheseTestsTookAway() throws Exception {
    if (cluster == null) {
      return;
    }
    if (operator != null) {
      operator.close();
    }
    if (partition != null) {
      partition.close();
    }
    await().atMost(PATIENCE).until(() -> {
      var crd = admin.apiextensions().v1().customResourceDefinitions().withName("tenants.tenantguard.io").get();
      return crd == null || crd.getMetadata().getDeletionTimestamp() == null;
    });
    ManifestFiles.installCrds(admin, E2e.repoRoot().resolve("crds"), "tenantguard-e2e");
  }

  /**
   * The chart's identity under a release of its own: a restarted API server refuses requests until
   * its RBAC caches are filled, which the audit of the shared identity (LeastPrivilegeTest) must not
   * take for a permission the chart lacks.
   */
  private static OperatorIdentity unaudited(RealCluster.Cluster cluster) {
    return OperatorIdentity.install(cluster.admin(), cluster.adminConfig(), "faults", RealCluster.OPERATOR_NAMESPACE);
  }

  private List<String> applyTenants(String prefix, int count) {
    List<String> names = IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    names.forEach(name -> Platform.apply(admin, Tenants.tenant(name, List.of(Certification.HDS),
        Tenants.namespace(name + "-records", "fr-paris", "health"), Tenants.namespace(name + "-web", "fr-paris", "public"))));
    return names;
  }

  private void awaitConverged(List<String> names) {
    await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
      for (String name : names) {
        assertThat(Provisioned.in(admin.resources(Tenant.class).withName(name).get())).as(name).isTrue();
        assertThat(PlanConformance.differences(admin, name)).as(name).isEmpty();
      }
    });
  }

  private static boolean ready(Tenant tenant) {
    return tenant != null && tenant.getStatus() != null
        && java.util.Objects.equals(tenant.getStatus().observedGeneration(), tenant.getMetadata().getGeneration())
        && Conditions.isTrue(tenant.getStatus().conditions(), StatusConditions.READY);
  }

  private static double seconds(long since) {
    return Math.round((System.nanoTime() - since) / 1e8) / 10.0;
  }
}
