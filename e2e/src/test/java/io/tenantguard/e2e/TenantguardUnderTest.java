package io.tenantguard.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.operator.OperatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/** The operator as it runs in production (server-side apply, admission policies), in this JVM. */
public final class TenantguardUnderTest implements AutoCloseable {
  private final OperatorRuntime runtime;
  private final KubernetesClient client;

  private TenantguardUnderTest(OperatorRuntime runtime, KubernetesClient client) {
    this.runtime = runtime;
    this.client = client;
  }

  /** A client with the operator's own identity, to try what even the operator may not do. */
  public KubernetesClient client() {
    return client;
  }

  static TenantguardUnderTest start(KubernetesClient client) {
    OperatorRuntime runtime =
        new OperatorRuntime(OperatorSettings.local(true), client, Clock.systemUTC(), o -> {}, TenantguardUnderTest::exited);
    try {
      runtime.start();
    } catch (IOException e) {
      throw new UncheckedIOException("starting the operator", e);
    }
    return new TenantguardUnderTest(runtime, client);
  }

  /** The operator stops itself and would end its process: in the tests' JVM, it only says so. */
  private static void exited(int status) {
    System.err.println("tenantguard under test stopped itself and would exit with status " + status);
  }

  /** The port of its probes, metrics and reports. */
  public int probePort() {
    return runtime.probePort();
  }

  @Override
  public void close() {
    runtime.close();
  }
}
