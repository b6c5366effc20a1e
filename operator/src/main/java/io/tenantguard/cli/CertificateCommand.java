package io.tenantguard.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "certificate",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a DestructionCertificate for the client: as JSON (which verify-certificate checks offline) or as a"
          + " Markdown document."
    })
final class CertificateCommand implements Callable<Integer> {
  enum Format {
    json,
    markdown
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "The DestructionCertificate's name (status.deletion.certificate of its Tenant).")
  String name;

  @Option(names = "--format", defaultValue = "json", description = "json or markdown (default ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() {
    try (KubernetesClient client = ClusterConnection.open()) {
      DestructionCertificate certificate = client.resources(DestructionCertificate.class).withName(name).get();
      if (certificate == null) {
        throw new UserFacingException("no DestructionCertificate " + name + " ('kubectl get destructioncertificates' lists them)");
      }
      certificate.getMetadata().setManagedFields(null);
      spec.commandLine().getOut().print(format == Format.json
          ? client.getKubernetesSerialization().asJson(certificate) + "\n"
          : CertificateDocument.markdown(certificate));
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
