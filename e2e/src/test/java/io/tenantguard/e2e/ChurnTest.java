package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificate;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.tenant.AccessGrant;
import io.tenantguard.api.v1alpha1.tenant.Lifecycle;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.LifecycleState;
import io.tenantguard.api.v1alpha1.tenant.Quota;
import io.tenantguard.api.v1alpha1.tenant.Subject;
import io.tenantguard.api.v1alpha1.tenant.SubjectKind;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.api.v1alpha1.tenant.TenantRole;
import io.tenantguard.e2e.bench.OperatorProcess;
import io.tenantguard.e2e.bench.PrometheusText;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.testing.TenantEdits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Churn against standing tenants, at a steady rate: tenants created, edited (namespaces added and
 * removed, access changed, quota changed), suspended, resumed, and terminated with a retention of
 * seconds; as a platform team would, Destroyed tenants and namespaces let go are deleted, so that
 * the operator holds about as much at the end as early on. Once it stops, every tenant's objects
 * are its plan, every terminated tenant is destroyed with exactly one certificate, the operator
 * writes nothing more, and its heap after a full collection, its threads and its open watches are
 * where they were early in the churn. The default run churns 90 s against 20 tenants;
 * {@code e2e/faults} 30 minutes against 200.
 */
@ExtendWith(RealCluster.class)
@Order(Integer.MAX_VALUE - 6) // runs an operator of its own: after the suites that share one
class ChurnTest {
  private static final String EPHEMERAL = "churn-ephemeral";
  private static final Duration PATIENCE = Duration.ofMinutes(10);
  private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete", "deletecollection");

  private final Map<String, LifecycleState> states = new ConcurrentHashMap<>();
  /** Destroyed tenants the platform deleted, as it may once their data is gone. */
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();
  /** Numbers the namespaces the churn adds: a tenant listing one name twice is refused by the CRD. */
  private int namespacesAdded;

  @Test
  void afterChurnEveryTenantIsItsPlanNothingLeaksAndNothingIsWritten(RealCluster.Cluster cluster) throws Exception {
    Assumptions.assumeTrue(cluster.startedHere(), "reads the API server's audit log: only of a control plane this run started");
    int standing = Integer.getInteger("tenantguard.faults.churnStanding", 20);
    Duration churn = Duration.ofSeconds(Long.getLong("tenantguard.faults.churnSeconds", 90));
    long period = Long.getLong("tenantguard.faults.churnPeriodMillis", 1500);
    long seed = Long.getLong("tenantguard.faults.seed", System.nanoTime());
    Random random = new Random(seed);
    cluster.stopOperator();
    KubernetesClient admin = cluster.admin();
    Platform.applyRegionsAndClassifications(admin);
    Platform.apply(admin, Serialization.unmarshal("""
        apiVersion: tenantguard.io/v1alpha1
        kind: DataClassification
        metadata: {name: %s}
        spec:
          description: Churned data, kept seconds after termination.
          retention: {afterTermination: PT5S, destructionProof: P1D}
        """.formatted(EPHEMERAL), DataClassification.class));
    // every proof outlives the run, however long: a pruned one would read as a missing certificate,
    // and its pruning as a write once quiet
    Path log = E2e.repoRoot().resolve("e2e/target/faults/churn.log");
    Files.createDirectories(log.getParent());
    try (OperatorProcess operator = OperatorProcess.start(E2e.repoRoot().resolve("operator/target/tenantguard.jar"),
        cluster.operatorIdentity().kubeconfig(log.resolveSibling("operator.kubeconfig")), OperatorProcess.freePort(), log,
        "--min-retention", "PT0S", "--min-proof-retention", "PT0S")) {
      operator.awaitReady(Duration.ofMinutes(2));
      for (int i = 0; i < standing; i++) {
        create(admin, "churn-" + i);
      }
      awaitConverged(admin);

      long start = System.nanoTime();
      long earlyMark = start + churn.toNanos() / 6;
      Footprint early = null;
      int actions = 0;
      int next = standing;
      while (System.nanoTime() - start < churn.toNanos()) {
        if (early == null && System.nanoTime() > earlyMark) {
          early = Footprint.of(admin, operator, log.resolveSibling("churn-histogram-early.txt"));
        }
        next = act(admin, random, next);
        actions++;
        if (actions % 10 == 0) {
          tidy(admin);
        }
        Thread.sleep(period);
      }
      awaitConverged(admin);
      Thread.sleep(5_000); // the last reconciliations settle
      Footprint end = Footprint.of(admin, operator, log.resolveSibling("churn-histogram-end.txt"));
      Instant quietFrom = Instant.now();
      Thread.sleep(30_000);
      long quietWrites = operatorWrites(cluster, quietFrom);

      List<String> differences = new ArrayList<>();
      states.forEach((name, state) -> {
        if (state != LifecycleState.Terminated) {
          PlanConformance.differences(admin, name).forEach(d -> differences.add(name + ": " + d));
        }
      });
      List<String> destroyed = states.entrySet().stream()
          .filter(e -> e.getValue() == LifecycleState.Terminated).map(Map.Entry::getKey).toList();
      List<String> wrongCertificates = destroyed.stream()
          .filter(name -> certificatesOf(admin, name) != 1 || !admin.namespaces().withLabel(Labels.TENANT, name).list()
              .getItems().isEmpty())
          .toList();

      ReliabilityFigures.put("churn_seed", seed);
      ReliabilityFigures.put("churn_seconds", churn.toSeconds());
      ReliabilityFigures.put("churn_standing_tenants", standing);
      ReliabilityFigures.put("churn_actions", actions);
      ReliabilityFigures.put("churn_tenants_destroyed", destroyed.size());
      ReliabilityFigures.put("churn_objects_differing_from_plan", differences.size());
      ReliabilityFigures.put("churn_destroyed_without_exactly_one_certificate", wrongCertificates.size());
      ReliabilityFigures.put("churn_heap_after_gc_early_mb", early.heapMegabytes());
      ReliabilityFigures.put("churn_heap_after_gc_end_mb", end.heapMegabytes());
      ReliabilityFigures.put("churn_threads_early", early.threads());
      ReliabilityFigures.put("churn_threads_end", end.threads());
      ReliabilityFigures.put("churn_open_watches_early", early.watches());
      ReliabilityFigures.put("churn_open_watches_end", end.watches());
      ReliabilityFigures.put("churn_writes_once_quiet", quietWrites);

      assertThat(differences).as("objects differing from their tenant's plan (seed " + seed + ")").isEmpty();
      assertThat(wrongCertificates).as("destroyed tenants with namespaces left or not exactly one certificate").isEmpty();
      assertThat(quietWrites).as("writes of the operator in 30 s once the churn stopped").isZero();
      assertThat(end.threads()).as("threads of the operator: no leak").isLessThanOrEqualTo(early.threads() + 5);
      assertThat(end.watches()).as("watches open on the API server: no informer leak").isLessThanOrEqualTo(early.watches());
      if (churn.compareTo(Duration.ofMinutes(10)) >= 0) {
        assertThat(end.heapMegabytes()).as("heap after a full collection, against early in the churn")
            .isLessThanOrEqualTo(early.heapMegabytes() * 1.10);
      }
    }
  }

  /** One random action on the tenants; returns the number the next new tenant takes. */
  private int act(KubernetesClient admin, Random random, int next) {
    List<String> active = named(LifecycleState.Active);
    List<String> suspended = named(LifecycleState.Suspended);
    switch (random.nextInt(7)) {
      case 0 -> {
        create(admin, "churn-" + next);
        return next + 1;
      }
      case 1 -> edit(admin, pick(random, active), t -> TenantEdits.namespaces(t, list -> {
        list.add(Tenants.namespace(t.getMetadata().getName() + "-x" + namespacesAdded++, "de-frankfurt", EPHEMERAL));
        return list;
      }));
      case 2 -> edit(admin, pick(random, active), t -> TenantEdits.namespaces(t, list -> {
        if (list.size() > 1) {
          list.remove(list.size() - 1);
        }
        return list;
      }));
      case 3 -> edit(admin, pick(random, active), t -> TenantEdits.access(t, list -> {
        Subject viewer = new Subject(SubjectKind.User, "viewer@" + t.getMetadata().getName() + ".example", null);
        if (!list.removeIf(grant -> grant.subject().equals(viewer))) {
          list.add(new AccessGrant(viewer, TenantRole.viewer));
        }
        return list;
      }));
      case 4 -> edit(admin, pick(random, active), t -> TenantEdits.quota(t, new Quota(
          new Quantity(String.valueOf(2 + random.nextInt(7))), null, null, null, null, null, null, null, null, null, null,
          null, null, null)));
      case 5 -> {
        if (!suspended.isEmpty() && random.nextBoolean()) {
          lifecycle(admin, pick(random, suspended), LifecycleState.Active);
        } else {
          lifecycle(admin, pick(random, active), LifecycleState.Suspended);
        }
      }
      default -> lifecycle(admin, pick(random, active), LifecycleState.Terminated);
    }
    return next;
  }

  /**
   * What a platform team deletes on purpose once tenantguard lets it, so that what the operator
   * holds stays as large as the standing tenants: Destroyed tenants (their certificates stay) and
   * namespaces an Active tenant let go (Retained); a suspended or terminated tenant's wait for it.
   */
  private void tidy(KubernetesClient admin) {
    for (String name : named(LifecycleState.Terminated)) {
      Tenant tenant = deleted.contains(name) ? null : admin.resources(Tenant.class).withName(name).get();
      if (tenant != null && tenant.getStatus() != null && tenant.getStatus().phase() == TenantPhase.Destroyed) {
        admin.resources(Tenant.class).withName(name).delete();
        deleted.add(name);
      }
    }
    for (Namespace namespace : admin.namespaces().withLabel(Labels.RETAINED, "true").list().getItems()) {
      LifecycleState state = states.get(namespace.getMetadata().getLabels().get(Labels.TENANT));
      if (state == LifecycleState.Active) {
        admin.namespaces().resource(namespace).delete();
      }
    }
  }

  private void create(KubernetesClient admin, String name) {
    Platform.apply(admin, Tenants.tenant(name, List.of(Certification.ISO27001),
        Tenants.namespace(name + "-a", "de-frankfurt", EPHEMERAL)));
    states.put(name, LifecycleState.Active);
  }

  private void lifecycle(KubernetesClient admin, String name, LifecycleState state) {
    if (name != null) {
      edit(admin, name, t -> TenantEdits.lifecycle(t, new Lifecycle(state, null, null)));
      states.put(name, state);
    }
  }

  private static void edit(KubernetesClient admin, String name, UnaryOperator<Tenant> edit) {
    if (name != null) {
      Tenant edited = edit.apply(admin.resources(Tenant.class).withName(name).get());
      edited.setStatus(null);
      Platform.apply(admin, edited);
    }
  }

  private List<String> named(LifecycleState state) {
    return states.entrySet().stream().filter(e -> e.getValue() == state).map(Map.Entry::getKey).sorted().toList();
  }

  private static String pick(Random random, List<String> names) {
    return names.isEmpty() ? null : names.get(random.nextInt(names.size()));
  }

  /**
   * Every tenant's generation applied: active and suspended ones with each namespace provisioned
   * (or retained, once removed from the spec), terminated ones Destroyed.
   */
  private void awaitConverged(KubernetesClient admin) {
    await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> states.entrySet().stream().allMatch(e -> {
      Tenant tenant = admin.resources(Tenant.class).withName(e.getKey()).get();
      if (tenant == null) {
        return deleted.contains(e.getKey());
      }
      if (tenant.getStatus() == null
          || !Objects.equals(tenant.getStatus().observedGeneration(), tenant.getMetadata().getGeneration())) {
        return false;
      }
      return e.getValue() == LifecycleState.Terminated
          ? tenant.getStatus().phase() == TenantPhase.Destroyed
          : !Conditions.isTrue(tenant.getStatus().conditions(), StatusConditions.RECONCILING)
              && tenant.getStatus().namespaces().stream()
                  .allMatch(ns -> ns.state() == NamespaceState.Provisioned || ns.state() == NamespaceState.Retained);
    }));
  }

  private static long certificatesOf(KubernetesClient admin, String tenant) {
    return admin.resources(DestructionCertificate.class).list().getItems().stream()
        .filter(c -> c.getSpec().tenant().equals(tenant)).count();
  }

  /** Writes of the audited operator identity since {@code from}, from the API server's audit log. */
  private static long operatorWrites(RealCluster.Cluster cluster, Instant from) throws Exception {
    String operator = cluster.operatorIdentity().username();
    long writes = 0;
    for (String line : Files.readAllLines(cluster.auditLog().orElseThrow())) {
      JsonNode entry = Serialization.jsonMapper().readTree(line);
      if (entry.path("stage").asText().equals("ResponseComplete")
          && operator.equals(entry.path("user").path("username").asText())
          && WRITES.contains(entry.path("verb").asText())
          && !Instant.parse(entry.path("requestReceivedTimestamp").asText()).isBefore(from)) {
        writes++;
      }
    }
    return writes;
  }

  /**
   * The operator's heap after a full collection, its threads, and the watches open on the API
   * server; the live objects by class go to {@code histogram}, to tell what grew when the heap did.
   */
  private record Footprint(double heapMegabytes, double threads, double watches) {
    static Footprint of(KubernetesClient admin, OperatorProcess operator, Path histogram) throws Exception {
      operator.writeHistogram(histogram);
      String metrics = operator.metrics();
      return new Footprint(
          Math.round(PrometheusText.sum(metrics, "jvm_memory_used_bytes", l -> l.contains("area=\"heap\"")) / 1048576.0),
          PrometheusText.sum(metrics, "jvm_threads_live_threads", l -> true),
          PrometheusText.sum(admin.raw("/metrics"), "apiserver_longrunning_requests", l -> l.contains("verb=\"WATCH\"")));
    }
  }
}
