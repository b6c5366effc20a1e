package io.tenantguard.e2e;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** tenantguard's Helm chart, rendered as Helm would install it. */
public final class Chart {
  public static final Path PATH = E2e.repoRoot().resolve("helm/tenantguard");
  public static final String NAMESPACE = "tenantguard-system";

  private Chart() {}

  public static Helm helm() {
    return new Helm(PATH);
  }

  /** The objects the chart renders with its default values. */
  public static List<GenericKubernetesResource> renderDefaults() {
    return render(helm().template());
  }

  /** The operator's container as the chart's defaults make it. */
  public static Container operatorContainer() {
    return operatorContainer(helm().template());
  }

  /** The operator's container as {@code template} renders it. */
  public static Container operatorContainer(TemplateCommand template) {
    GenericKubernetesResource deployment = render(template).stream()
        .filter(o -> o.getKind().equals("Deployment"))
        .findFirst()
        .orElseThrow();
    return convert(deployment, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  /**
   * What the chart gives the operator's identity, for release {@code release} in {@code namespace}:
   * its ServiceAccount, ClusterRole, Role (leader election) and their bindings.
   */
  public static List<GenericKubernetesResource> operatorIdentity(String release, String namespace) {
    String operator = release + "-operator";
    return render(helm().template(), release, namespace).stream()
        .filter(o -> o.getMetadata().getName().startsWith(operator))
        .filter(o -> List.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding")
            .contains(o.getKind()))
        .toList();
  }

  /** The objects {@code template} renders. */
  public static List<GenericKubernetesResource> render(TemplateCommand template) {
    return render(template, "tg", NAMESPACE);
  }

  private static List<GenericKubernetesResource> render(TemplateCommand template, String release, String namespace) {
    String yaml = template.withName(release).withNamespace(namespace).call();
    return Arrays.stream(yaml.split("(?m)^---\\s*$"))
        .filter(doc -> doc.lines().anyMatch(line -> line.startsWith("kind:")))
        .map(doc -> Serialization.unmarshal(doc, GenericKubernetesResource.class))
        .toList();
  }

  static <T> T convert(GenericKubernetesResource resource, Class<T> type) {
    return Serialization.unmarshal(Serialization.asYaml(resource), type);
  }
}
