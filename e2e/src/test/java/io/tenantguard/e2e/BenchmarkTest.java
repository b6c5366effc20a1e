package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantguard.e2e.bench.Benchmark;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the benchmark (e2e/bench runs it at any size; the test suite at a small one) and prints
 * one "name value" line per figure. Times are printed, never asserted: these machines are shared.
 * What is asserted is exact: every tenant converges and is Ready, and a converged cluster costs no write.
 */
@ExtendWith(RealCluster.class)
@Order(Integer.MAX_VALUE) // last: it runs an operator of its own
class BenchmarkTest {
  @Test
  void benchmark(RealCluster.Cluster cluster) throws Exception {
    cluster.stopOperator();
    int tenants = Integer.getInteger("tenantguard.bench.tenants", 10);
    Duration steady = Duration.ofSeconds(Long.getLong("tenantguard.bench.steadySeconds", 120));
    String jvmOptions = System.getProperty("tenantguard.bench.jvmOptions", "").trim();
    boolean attested = Boolean.getBoolean("tenantguard.bench.attested");

    // the operator runs under the chart's identity, as everywhere else (a release of its own)
    String namespace = "tenantguard-bench";
    java.nio.file.Path operatorKubeconfig = OperatorIdentity.install(cluster.admin(), cluster.adminConfig(), "bench",
        namespace).kubeconfig(E2e.repoRoot().resolve("e2e/target/bench/operator.kubeconfig"));
    Map<String, Double> results = new Benchmark(cluster.admin(), operatorKubeconfig, namespace, cluster.controlPlaneProcesses(),
        E2e.repoRoot(), tenants, steady, jvmOptions.isEmpty() ? List.of() : List.of(jvmOptions.split("\\s+")), attested).run();

    System.out.println("benchmark: " + tenants + " tenants of 3 namespaces" + (attested ? ", attested platform" : "")
        + " (e2e/target/bench/results.json)");
    results.forEach((name, value) -> System.out.println(name + " " + value));
    // the positive control: the same counter saw every object of every tenant written while they were provisioned
    assertThat(results.get("provisioning_writes")).as("writes counted while tenants were provisioned")
        .isGreaterThanOrEqualTo(tenants * results.get("objects_per_tenant"));
    assertThat(results.get("ready_tenants")).as("tenants Ready once provisioned").isEqualTo((double) tenants);
    assertThat(results.get("steady_state_writes")).as("writes by the operator on a converged cluster").isZero();
    assertThat(results.get("restart_writes")).as("writes by an operator restarted on a converged cluster").isZero();
  }
}
