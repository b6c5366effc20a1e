package io.tenantguard.cli;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.NamespaceStatus;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * Reversibility (HDS 4.4.5.3): every object of a tenant's namespaces, of every kind the API server
 * serves, written as YAML, one file per object. Run by the platform, or by the tenant's admins
 * themselves with their read-only recovery access, naming their namespaces.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Writes every object of a tenant's namespaces as YAML, one file per object: DIR/NAMESPACE/KIND/NAME.yaml.")
final class ExportCommand implements Callable<Integer> {
  /** Namespace states whose namespace still exists with the tenant's data. */
  private static final Set<NamespaceState> HOLDING =
      Set.of(NamespaceState.Provisioned, NamespaceState.Violated, NamespaceState.Retained, NamespaceState.Destroying);

  @Spec CommandSpec spec;

  @Option(names = "--tenant", required = true, description = "The Tenant whose data is exported.")
  String tenant;

  @Option(names = "--output", required = true, description = "The folder to write into; created if missing.")
  Path output;

  @Option(names = "--namespace", description = "Export only these namespaces of the tenant (for a tenant admin, who cannot read the Tenant itself).")
  List<String> namespaces;

  @Override
  public Integer call() throws IOException {
    try (KubernetesClient client = ClusterConnection.open()) {
      List<String> exported = namespaces != null ? namespaces : namespacesOf(client);
      List<Kind> kinds = namespacedKinds(client);
      Map<String, Integer> written = new TreeMap<>();
      List<String> unreadable = new ArrayList<>();
      for (String namespace : exported) {
        for (Kind kind : kinds) {
          try {
            for (GenericKubernetesResource object : client.genericKubernetesResources(kind.apiVersion(), kind.kind())
                .inNamespace(namespace).list().getItems()) {
              object.getMetadata().setManagedFields(null);
              Path file = output.resolve(namespace).resolve(kind.folder()).resolve(object.getMetadata().getName() + ".yaml");
              Files.createDirectories(file.getParent());
              Files.writeString(file, client.getKubernetesSerialization().asYaml(object));
              written.merge(namespace, 1, Integer::sum);
            }
          } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
              throw e;
            }
            unreadable.add(namespace + "/" + kind.folder());
          }
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      for (String namespace : exported) {
        out.println(namespace + ": " + written.getOrDefault(namespace, 0) + " objects written to "
            + output.resolve(namespace));
      }
      if (!unreadable.isEmpty()) {
        out.println("not readable with your access, so not exported: " + String.join(", ", unreadable));
      }
    }
    return 0;
  }

  private List<String> namespacesOf(KubernetesClient client) {
    Tenant found = client.resources(Tenant.class).withName(tenant).get();
    if (found == null) {
      throw new UserFacingException("no Tenant " + tenant);
    }
    if (found.getStatus() == null) {
      throw new UserFacingException("Tenant " + tenant + " has no namespaces yet");
    }
    return found.getStatus().namespaces().stream()
        .filter(ns -> HOLDING.contains(ns.state()))
        .map(NamespaceStatus::name)
        .toList();
  }

  /** A kind the API server lists in namespaces, and the folder its objects go to (deployments.apps). */
  private record Kind(String apiVersion, String kind, String folder) {}

  /** Every namespaced kind that can be listed, in each group's preferred version; Events once. */
  private static List<Kind> namespacedKinds(KubernetesClient client) {
    List<Kind> kinds = new ArrayList<>(kindsOf(client, "v1", ""));
    for (APIGroup group : client.getApiGroups().getGroups()) {
      if (!group.getName().equals("events.k8s.io")) {
        kinds.addAll(kindsOf(client, group.getPreferredVersion().getGroupVersion(), group.getName()));
      }
    }
    return kinds;
  }

  private static List<Kind> kindsOf(KubernetesClient client, String groupVersion, String group) {
    List<Kind> kinds = new ArrayList<>();
    for (APIResource resource : client.getApiResources(groupVersion).getResources()) {
      if (Boolean.TRUE.equals(resource.getNamespaced()) && !resource.getName().contains("/")
          && resource.getVerbs().contains("list")) {
        kinds.add(new Kind(groupVersion, resource.getKind(),
            group.isEmpty() ? resource.getName() : resource.getName() + "." + group));
      }
    }
    return kinds;
  }
}
