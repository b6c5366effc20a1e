package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.e2e.bench.OperatorProcess;
import io.tenantguard.operator.LeaderOnlyWrites;
import io.tenantguard.operator.OperatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two replicas with leader election, as the chart runs them. The leader killed mid-provisioning:
 * the other takes over within the Lease's duration and finishes the work. The leader frozen
 * (SIGSTOP) past its Lease, then thawed: it writes nothing more, as the API server's own audit log
 * shows, request by request, by each replica's user agent, and exits; a write with its token is
 * refused by the API server's fence. Each replica has a token bound to a pod of its name, as in a cluster.
 */
@ExtendWith(RealCluster.class)
@Order(Integer.MAX_VALUE - 5) // runs operators of its own: after the suites that share one
class LeaderElectionTest {
  /** The chart's leader-election Role grants the Lease in the operator's own namespace. */
  private static final String LEASE_NAMESPACE = RealCluster.OPERATOR_NAMESPACE;
  private static final Duration PATIENCE = Duration.ofMinutes(3);
  private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete", "deletecollection");

  private final List<OperatorProcess> replicas = new ArrayList<>();

  @Test
  void theOtherReplicaTakesOverWithinTheLeaseAndAFencedOldLeaderWritesNothing(RealCluster.Cluster cluster) throws Exception {
    Assumptions.assumeTrue(cluster.startedHere(), "reads the API server's audit log: only of a control plane this run started");
    cluster.stopOperator();
    KubernetesClient admin = cluster.admin();
    Platform.applyRegionsAndClassifications(admin);
    try {
      OperatorProcess a = replica(cluster, "a");
      OperatorProcess b = replica(cluster, "b");
      String first = awaitLeader(admin, Set.of("a", "b"));

      applyTenants(admin, "le-a", 6);
      Thread.sleep(300);
      (first.equals("a") ? a : b).kill();
      long killed = System.nanoTime();
      String second = awaitLeader(admin, Set.of(first.equals("a") ? "b" : "a"));
      double takeover = (System.nanoTime() - killed) / 1e9;
      ReliabilityFigures.put("leader_election_takeover_after_leader_killed_seconds", Math.round(takeover * 10) / 10.0);
      // the Lease expires a Lease duration after the other replica last saw it renewed; it looks
      // every retry period, with up to 1.2 times as much jitter: once to see the last renewal, once to take it
      Duration bound = LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE
          .plus(LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE.multipliedBy(2 * 22).dividedBy(10));
      assertThat(takeover).as("seconds until the other replica leads").isLessThanOrEqualTo(bound.toSeconds());
      awaitConverged(admin, "le-a", 6);

      OperatorProcess c = replica(cluster, "c");
      OperatorProcess leader = second.equals("a") ? a : b;
      applyTenants(admin, "le-b", 6);
      Thread.sleep(300);
      leader.pause();
      awaitLeader(admin, Set.of("c"));
      Instant tookOver = Instant.now();
      applyTenants(admin, "le-c", 4);
      awaitConverged(admin, "le-b", 6);
      awaitConverged(admin, "le-c", 4);
      leader.resume();
      Integer status = leader.awaitExit(Duration.ofMinutes(1));
      // the fence in the API server, tried directly: a write with the old leader's own token now
      try (KubernetesClient old = new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig(second)))).build()) {
        Attacks.refused(Attacks.Rule.policy(LeaderOnlyWrites.NAME, "pod replica-" + second + " does not hold the Lease"),
            () -> old.v1().events().inNamespace("le-b-0-records").resource(new EventBuilder()
                .withNewMetadata().withName("late-news").endMetadata()
                .withNewInvolvedObject().withKind("Namespace").withName("le-b-0-records").withNamespace("le-b-0-records")
                .endInvolvedObject()
                .withReason("Applied").withMessage("sent by a replica that no longer leads").build()).create());
      }
      Thread.sleep(2_000); // the audit log is written asynchronously

      List<Write> writes = writes(cluster.auditLog().orElseThrow());
      List<Write> oldLeaderBefore = of(writes, agent(second), Instant.EPOCH, tookOver);
      List<Write> oldLeaderAfter = of(writes, agent(second), tookOver, Instant.MAX);
      List<Write> newLeaderAfter = of(writes, agent("c"), tookOver, Instant.MAX);
      ReliabilityFigures.put("leader_election_old_leader_exit_status", status == null ? -1 : status);
      ReliabilityFigures.put("leader_election_old_leader_writes_before_losing_the_lease", oldLeaderBefore.size());
      ReliabilityFigures.put("leader_election_old_leader_writes_after_losing_the_lease", oldLeaderAfter.size());
      ReliabilityFigures.put("leader_election_new_leader_writes_after_taking_over", newLeaderAfter.size());
      assertThat(oldLeaderBefore).as("the audit log tells the replicas apart: writes of the old leader while it led").isNotEmpty();
      assertThat(newLeaderAfter).as("writes of the new leader").isNotEmpty();
      assertThat(oldLeaderAfter).as("writes of the old leader once another held the Lease").isEmpty();
      assertThat(status).as("the thawed old leader exits").isEqualTo(1);
    } finally {
      for (OperatorProcess replica : replicas) {
        if (replica.isAlive()) {
          replica.resume(); // a frozen process does not stop on SIGTERM
        }
        replica.close();
      }
      leaveNoElectionBehind(admin);
    }
  }

  /** The suites after this one share an operator that elects no leader: no Lease, fence or replica pod is left for them. */
  private static void leaveNoElectionBehind(KubernetesClient admin) {
    admin.admissionRegistration().v1().validatingAdmissionPolicyBindings().withName(LeaderOnlyWrites.NAME).delete();
    admin.admissionRegistration().v1().validatingAdmissionPolicies().withName(LeaderOnlyWrites.NAME).delete();
    admin.leases().inNamespace(LEASE_NAMESPACE).withName(OperatorSettings.LEASE_NAME).delete();
    List.of("a", "b", "c").forEach(name -> admin.pods().inNamespace(LEASE_NAMESPACE).withName("replica-" + name).delete());
  }

  private OperatorProcess replica(RealCluster.Cluster cluster, String name) throws Exception {
    String pod = "replica-" + name;
    Path log = E2e.repoRoot().resolve("e2e/target/faults/" + pod + ".log");
    Files.createDirectories(log.getParent());
    OperatorProcess replica = OperatorProcess.start(E2e.repoRoot().resolve("operator/target/tenantguard.jar"),
        cluster.operatorIdentity().podKubeconfig(cluster.admin(), pod, kubeconfig(name)), OperatorProcess.freePort(), log,
        Map.of("HOSTNAME", pod),
        List.of("-Dkubernetes.user.agent=" + agent(name)),
        "--leader-election", "--leader-election-namespace", LEASE_NAMESPACE);
    replicas.add(replica);
    return replica;
  }

  /** The replica's own kubeconfig: a token bound to its pod. */
  private static Path kubeconfig(String replica) {
    return E2e.repoRoot().resolve("e2e/target/faults/replica-" + replica + ".kubeconfig");
  }

  private static String agent(String replica) {
    return "tenantguard-replica-" + replica;
  }

  /** The replica holding the Lease, once one of {@code candidates} does. */
  private static String awaitLeader(KubernetesClient admin, Set<String> candidates) {
    String[] leader = new String[1];
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
      Lease lease = admin.leases().inNamespace(LEASE_NAMESPACE).withName(OperatorSettings.LEASE_NAME).get();
      String holder = lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
      leader[0] = candidates.stream().filter(c -> holder != null && holder.startsWith("replica-" + c + "_")).findFirst().orElse(null);
      return leader[0] != null;
    });
    return leader[0];
  }

  private static void applyTenants(KubernetesClient admin, String prefix, int count) {
    IntStream.range(0, count).forEach(i -> Platform.apply(admin, Tenants.tenant(prefix + "-" + i, List.of(Certification.HDS),
        Tenants.namespace(prefix + "-" + i + "-records", "fr-paris", "health"))));
  }

  private static void awaitConverged(KubernetesClient admin, String prefix, int count) {
    await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
      for (int i = 0; i < count; i++) {
        assertThat(Provisioned.in(admin.resources(Tenant.class).withName(prefix + "-" + i).get())).as(prefix + "-" + i).isTrue();
        assertThat(PlanConformance.differences(admin, prefix + "-" + i)).isEmpty();
      }
    });
  }

  /** A write the API server accepted, as its audit log records it. */
  record Write(String agent, Instant received, String verb, int code, String uri) {}

  /** Every write the API server accepted, from its audit log: a refused one (a stale Lease renewal's 409) changed nothing. */
  private static List<Write> writes(Path audit) throws Exception {
    List<Write> writes = new ArrayList<>();
    for (String line : Files.readAllLines(audit)) {
      JsonNode entry = Serialization.jsonMapper().readTree(line);
      int code = entry.path("responseStatus").path("code").asInt();
      if (entry.path("stage").asText().equals("ResponseComplete") && WRITES.contains(entry.path("verb").asText())
          && code >= 200 && code < 300) {
        writes.add(new Write(entry.path("userAgent").asText(), Instant.parse(entry.path("requestReceivedTimestamp").asText()),
            entry.path("verb").asText(), code, entry.path("requestURI").asText()));
      }
    }
    return writes;
  }

  /** Those of one user agent received from {@code from} (included) to {@code to} (excluded). */
  private static List<Write> of(List<Write> writes, String agent, Instant from, Instant to) {
    return writes.stream()
        .filter(w -> w.agent().equals(agent) && !w.received().isBefore(from) && w.received().isBefore(to))
        .toList();
  }
}
