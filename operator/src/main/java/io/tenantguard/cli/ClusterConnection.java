package io.tenantguard.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Map;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tenantguard.api.v1alpha1.ApiGroup;
import io.tenantguard.kube.Clients;

/** Connects through the usual kubeconfig or in-cluster configuration, and says clearly when it cannot. */
final class ClusterConnection {
  private ClusterConnection() {}

  static KubernetesClient open() {
    return open(Map.of());
  }

  /** @param interceptors what every request of the client also passes through, by name */
  static KubernetesClient open(Map<String, Interceptor> interceptors) {
    KubernetesClient client = Clients.create(Config.autoConfigure(null), interceptors);
    String url = client.getConfiguration().getMasterUrl();
    try {
      client.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      client.close();
      throw new UserFacingException(
          "cannot reach the Kubernetes API server at "
              + url
              + " ("
              + rootCause(e)
              + "). Point KUBECONFIG at a reachable cluster, or run inside one.",
          e);
    }
    if (client.getApiGroup(ApiGroup.GROUP) == null) {
      client.close();
      throw new UserFacingException(
          "the tenantguard CRDs are not installed on " + url + ": run 'kubectl apply -f crds/' first.");
    }
    return client;
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
