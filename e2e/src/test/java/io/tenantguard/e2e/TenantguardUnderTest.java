package io.tenantguard.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.lifecycle.LifecycleSettings;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.operator.OperatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * The operator as it runs in production (server-side apply, admission policies), in this JVM, with
 * no retention floor so that deletion schedules of a few seconds run as written.
 */
public final class TenantguardUnderTest implements AutoCloseable {
  private final OperatorRuntime runtime;

  private TenantguardUnderTest(OperatorRuntime runtime) {
    this.runtime = runtime;
  }

  static TenantguardUnderTest start(KubernetesClient client) {
    OperatorRuntime runtime =
        new OperatorRuntime(
            OperatorSettings.local(true).withLifecycle(LifecycleSettings.STANDARD.withoutFloors()), client,
            Clock.systemUTC());
    try {
      runtime.start();
    } catch (IOException e) {
      throw new UncheckedIOException("starting the operator", e);
    }
    return new TenantguardUnderTest(runtime);
  }

  @Override
  public void close() {
    runtime.close();
  }
}
