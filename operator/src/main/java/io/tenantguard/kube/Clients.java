package io.tenantguard.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Kubernetes clients, built one way wherever tenantguard (or its tests) talks to a cluster. */
public final class Clients {
  private Clients() {}

  /** A client of the kubeconfig or in-cluster configuration, found as kubectl finds it. */
  public static KubernetesClient create() {
    return create(Config.autoConfigure(null));
  }

  public static KubernetesClient create(Config config) {
    return create(config, Map.of());
  }

  /** A client whose requests also pass through {@code interceptors}, by name. */
  public static KubernetesClient create(Config config, Map<String, Interceptor> interceptors) {
    Map<String, Interceptor> all = new LinkedHashMap<>(interceptors);
    if (hasNoTokenToRefresh(config)) {
      // Fabric8's token refresh re-reads and parses the kubeconfig before every request once a
      // minute has passed, when it finds no token its clock never advances: with a client
      // certificate that is most of a busy operator's CPU, for nothing (the certificate is never
      // reloaded anyway).
      all.put(TokenRefreshInterceptor.NAME, new Interceptor() {});
    }
    // one consumer: the builder keeps only the last one given
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withKubernetesSerialization(SharedValues.serialization())
        .withHttpClientBuilderConsumer(http -> all.forEach(http::addOrReplaceInterceptor))
        .build();
  }

  /** Authenticated by a client certificate alone: no token, provider, or user and password. */
  static boolean hasNoTokenToRefresh(Config config) {
    return config.getOauthToken() == null
        && config.getAutoOAuthToken() == null
        && config.getOauthTokenProvider() == null
        && config.getAuthProvider() == null
        && config.getUsername() == null
        && (config.getClientCertData() != null || config.getClientCertFile() != null);
  }
}
