package io.tenantguard.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

class ClientsTest {
  private static Config kubeconfig(String user) {
    return Config.fromKubeconfig("""
        apiVersion: v1
        kind: Config
        clusters:
        - name: local
          cluster: {server: "https://127.0.0.1:6443"}
        contexts:
        - name: local
          context: {cluster: local, user: me}
        current-context: local
        users:
        - name: me
          user: %s
        """.formatted(user));
  }

  @Test
  void aClientCertificateHasNoTokenToRefresh() {
    assertThat(Clients.hasNoTokenToRefresh(kubeconfig("{client-certificate-data: Y2VydA==, client-key-data: a2V5}")))
        .isTrue();
  }

  @Test
  void tokensAndPasswordsKeepTheirRefresh() {
    assertThat(Clients.hasNoTokenToRefresh(kubeconfig("{token: abc}"))).isFalse();
    assertThat(Clients.hasNoTokenToRefresh(kubeconfig("{username: me, password: secret}"))).isFalse();
    assertThat(Clients.hasNoTokenToRefresh(new ConfigBuilder(kubeconfig("{client-certificate-data: Y2VydA==}"))
        .withOauthTokenProvider(() -> "from-a-provider").build())).isFalse();
  }
}
