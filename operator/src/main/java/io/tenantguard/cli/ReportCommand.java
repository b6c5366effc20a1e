package io.tenantguard.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.evidence.report.ComplianceReport;
import io.tenantguard.evidence.report.ReportFormat;
import io.tenantguard.operator.Version;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Prints the responsibility matrix of one tenant or of all: every control with its owner, state and evidence.")
final class ReportCommand implements Callable<Integer> {
  static final class Which {
    @Option(names = "--tenant", paramLabel = "NAME", required = true, description = "The tenant to report on.")
    String tenant;

    @Option(names = "--all", required = true, description = "Every tenant, by name.")
    boolean all;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  @Option(names = "--format", defaultValue = "markdown",
      description = "json, markdown, html (one self-contained page) or oscal (OSCAL assessment results); default ${DEFAULT-VALUE}.")
  ReportFormat format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of the standard output.")
  Path output;

  @Override
  public Integer call() throws Exception {
    List<Tenant> tenants;
    try (KubernetesClient client = ClusterConnection.open()) {
      if (which.all) {
        tenants = client.resources(Tenant.class).list().getItems().stream()
            .sorted(Comparator.comparing(t -> t.getMetadata().getName())).toList();
        if (tenants.isEmpty()) {
          throw new UserFacingException("no tenant on " + client.getMasterUrl() + ": nothing to report");
        }
      } else {
        Tenant tenant = client.resources(Tenant.class).withName(which.tenant).get();
        if (tenant == null) {
          throw new UserFacingException("no tenant " + which.tenant + " on " + client.getMasterUrl()
              + ": 'tenantguard.jar status' lists them");
        }
        tenants = List.of(tenant);
      }
    }
    var now = Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS);
    String rendered = format.render(tenants.stream().map(t -> ComplianceReport.of(t, now, Version.current())).toList());
    if (output == null) {
      System.out.print(rendered);
    } else {
      Files.writeString(output, rendered, StandardCharsets.UTF_8);
    }
    return 0;
  }
}
