package io.tenantguard.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tenantguard.api.v1alpha1.tenant.LifecycleState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;

/**
 * The quick start's deletion schedule in about a minute: it terminates the demonstration tenant of
 * examples/demo/, whose class of data is kept 40 seconds, as a platform team ends a contract.
 */
final class LifecycleDemo {
  static final String TENANT = "ephemere-demo";

  private LifecycleDemo() {}

  static void terminate(KubernetesClient client) {
    Tenant demo = client.resources(Tenant.class).withName(TENANT).get();
    if (demo == null || demo.getSpec().lifecycle().state() == LifecycleState.Terminated) {
      System.out.println("tenantguard: demonstration: tenant " + TENANT + " was terminated by an earlier run;"
          + " its deletion schedule is in the table");
      return;
    }
    System.out.println("tenantguard: demonstration: terminating tenant " + TENANT + " (spec.lifecycle.state: Terminated):"
        + " every access revoked but its admin's read-only recovery, its data kept 40 s (classification"
        + " demo-ephemeral, no platform floor here), then destroyed, verified and certified; then try"
        + " 'java -jar operator/target/tenantguard.jar certificate NAME --format markdown'");
    client.resources(Tenant.class).withName(TENANT)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"lifecycle\":{\"state\":\"Terminated\"}}}");
  }
}
