package io.tenantguard.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Prints every tenant's phase, namespaces, regions and hosting countries.")
final class StatusCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    try (KubernetesClient client = ClusterConnection.open()) {
      System.out.print(TenantTable.render(client.resources(Tenant.class).list().getItems()));
    }
    return 0;
  }
}
