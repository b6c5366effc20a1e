package io.tenantguard.lifecycle;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.kube.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends the access a terminated tenant gave itself, which its Tenant's spec does not list: the
 * RoleBindings it made in its namespaces, and the long-lived token Secrets of its ServiceAccounts
 * (deleted by type, without reading them: the operator reads no Secret). Tokens requested from
 * the API server stay valid until they expire, but with no binding they open nothing, and the
 * namespaces' admission policy refuses every write.
 */
final class AccessRevocation {
  static final String TOKEN_TYPE = "kubernetes.io/service-account-token";

  private final KubernetesClient client;

  AccessRevocation(KubernetesClient client) {
    this.client = client;
  }

  /** Deletes the RoleBindings tenantguard did not make; their names. */
  List<String> ownBindings(String namespace) {
    List<String> deleted = new ArrayList<>();
    for (RoleBinding binding : client.rbac().roleBindings().inNamespace(namespace).list().getItems()) {
      var labels = binding.getMetadata().getLabels();
      if (labels == null || !Labels.MANAGER.equals(labels.get(Labels.MANAGED_BY))) {
        client.resource(binding).delete();
        deleted.add(namespace + "/" + binding.getMetadata().getName());
      }
    }
    return deleted;
  }

  /** Deletes every ServiceAccount token Secret of the namespace in one request; how many. */
  int tokens(String namespace) {
    return client.secrets().inNamespace(namespace).withField("type", TOKEN_TYPE).delete().size();
  }
}
