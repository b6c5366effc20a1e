package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantguard.e2e.bench.Benchmark;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the benchmark (e2e/bench runs it at any size; the test suite at a small one) and prints
 * one "name value" line per figure. Times are printed, never asserted: these machines are shared.
 * What is asserted is exact: every tenant converges, and a converged cluster costs no write.
 */
@ExtendWith(RealCluster.class)
@Order(Integer.MAX_VALUE) // last: it runs an operator of its own
class BenchmarkTest {
  @Test
  void benchmark(RealCluster.Cluster cluster) throws Exception {
    cluster.stopOperator();
    int tenants = Integer.getInteger("tenantguard.bench.tenants", 10);
    Duration steady = Duration.ofSeconds(Long.getLong("tenantguard.bench.steadySeconds", 120));

    Map<String, Double> results =
        new Benchmark(cluster.admin(), cluster.kubeconfig(), cluster.controlPlaneProcesses(), E2e.repoRoot(), tenants, steady).run();

    System.out.println("benchmark: " + tenants + " tenants of 3 namespaces (e2e/target/bench/results.json)");
    results.forEach((name, value) -> System.out.println(name + " " + value));
    assertThat(results.get("steady_state_writes")).as("writes by the operator on a converged cluster").isZero();
    assertThat(results.get("restart_writes")).as("writes by an operator restarted on a converged cluster").isZero();
  }
}
