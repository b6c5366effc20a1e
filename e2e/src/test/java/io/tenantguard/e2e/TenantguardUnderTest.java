package io.tenantguard.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.kube.Clients;
import io.tenantguard.lifecycle.LifecycleSettings;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.operator.OperatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

/**
 * The operator as it runs in production (server-side apply, admission policies), in this JVM, under
 * the identity the chart gives it: its permissions are exactly the chart's. No retention floor, so
 * that deletion schedules of a few seconds run as written.
 */
public final class TenantguardUnderTest implements AutoCloseable {
  private final KubernetesClient client;
  private final OperatorRuntime runtime;

  private TenantguardUnderTest(KubernetesClient client, OperatorRuntime runtime) {
    this.client = client;
    this.runtime = runtime;
  }

  static TenantguardUnderTest start(OperatorIdentity identity) {
    KubernetesClient client = Clients.create(identity.config());
    OperatorRuntime runtime = new OperatorRuntime(
        OperatorSettings.local(true).withLifecycle(
            LifecycleSettings.STANDARD.withoutFloors().withKeyNamespace(RealCluster.OPERATOR_NAMESPACE)), client,
        Clock.systemUTC(), o -> {}, TenantguardUnderTest::exited);
    try {
      runtime.start();
    } catch (IOException e) {
      client.close();
      throw new UncheckedIOException("starting the operator", e);
    }
    return new TenantguardUnderTest(client, runtime);
  }

  /** The operator stops itself and would end its process: in the tests' JVM, it only says so. */
  private static void exited(int status) {
    System.err.println("tenantguard under test stopped itself and would exit with status " + status);
  }

  /** A client with the operator's own identity, to try what even the operator may not do. */
  public KubernetesClient client() {
    return client;
  }

  /** The port of its probes, metrics and reports. */
  public int probePort() {
    return runtime.probePort();
  }

  /** Whether every informer of the operator is connected, as its liveness probe answers. */
  public boolean healthy() {
    return runtime.isHealthy();
  }

  /** Its metrics, in the Prometheus text format, as a scraper reads them. */
  public String metrics() {
    try {
      return HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.probePort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the operator's metrics", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the operator's metrics", e);
    }
  }

  @Override
  public void close() {
    runtime.close();
    client.close();
  }
}
