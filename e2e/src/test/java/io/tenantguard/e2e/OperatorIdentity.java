package io.tenantguard.e2e;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The identity the chart gives the operator (ServiceAccount, ClusterRole, leader-election Role and
 * bindings, rendered from the chart and applied as they are) and a token of it: an operator started
 * with it holds exactly the chart's permissions, no more, and the API server's audit log names it.
 */
public final class OperatorIdentity {
  private static final long DAY = 24 * 3600L;

  private final String namespace;
  private final String serviceAccount;
  private final Config config;
  private final ClusterRole clusterRole;
  private final List<Role> roles;

  private OperatorIdentity(String namespace, String serviceAccount, Config config, ClusterRole clusterRole, List<Role> roles) {
    this.namespace = namespace;
    this.serviceAccount = serviceAccount;
    this.config = config;
    this.clusterRole = clusterRole;
    this.roles = roles;
  }

  /** The chart's identity of release {@code release} installed in {@code namespace}, and a token of it. */
  public static OperatorIdentity install(KubernetesClient admin, Config adminConfig, String release, String namespace) {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .serverSideApply();
    List<GenericKubernetesResource> objects = Chart.operatorIdentity(release, namespace);
    objects.forEach(o -> admin.resource(o).fieldManager("e2e").forceConflicts().serverSideApply());
    String serviceAccount = objects.stream().filter(o -> o.getKind().equals("ServiceAccount")).findFirst()
        .orElseThrow().getMetadata().getName();
    ClusterRole role = Chart.convert(objects.stream().filter(o -> o.getKind().equals("ClusterRole")).findFirst()
        .orElseThrow(), ClusterRole.class);
    List<Role> roles = objects.stream().filter(o -> o.getKind().equals("Role")).map(o -> Chart.convert(o, Role.class)).toList();
    String token = admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(DAY).endSpec().build())
        .getStatus().getToken();
    Config config = new ConfigBuilder()
        .withMasterUrl(adminConfig.getMasterUrl())
        .withCaCertData(adminConfig.getCaCertData())
        .withOauthToken(token)
        .build();
    return new OperatorIdentity(namespace, serviceAccount, config, role, roles);
  }

  /** How the API server names it. */
  public String username() {
    return "system:serviceaccount:" + namespace + ":" + serviceAccount;
  }

  public Config config() {
    return config;
  }

  /** The ClusterRole the chart grants it, as rendered. */
  public ClusterRole clusterRole() {
    return clusterRole;
  }

  /** The rules of that ClusterRole and of the Roles the chart grants it in its own namespace. */
  public List<PolicyRule> rules() {
    List<PolicyRule> rules = new ArrayList<>(clusterRole.getRules());
    roles.forEach(role -> rules.addAll(role.getRules()));
    return rules;
  }

  /** A kubeconfig holding its token, for an operator started in a process of its own. */
  public Path kubeconfig(Path file) {
    return kubeconfig(file, config.getOauthToken());
  }

  /**
   * A kubeconfig holding a token bound to a pod named {@code pod} (made here, never scheduled), as
   * the kubelet gives a replica of the chart's Deployment: the API server then names the pod in each
   * request's user, which the leader-only fence reads.
   */
  public Path podKubeconfig(KubernetesClient admin, String pod, Path file) {
    Pod made = admin.pods().inNamespace(namespace).resource(new PodBuilder()
        .withNewMetadata().withName(pod).endMetadata()
        .withNewSpec().withServiceAccountName(serviceAccount).withAutomountServiceAccountToken(false)
        .addNewContainer().withName("operator").withImage("tenantguard").endContainer().endSpec()
        .build()).createOr(NonDeletingOperation::update);
    String token = admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(DAY)
            .withNewBoundObjectRef().withApiVersion("v1").withKind("Pod").withName(pod)
            .withUid(made.getMetadata().getUid()).endBoundObjectRef().endSpec().build())
        .getStatus().getToken();
    return kubeconfig(file, token);
  }

  private Path kubeconfig(Path file, String token) {
    String ca = config.getCaCertData();
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters: [{name: e2e, cluster: {server: '%s', certificate-authority-data: %s}}]
        users: [{name: operator, user: {token: %s}}]
        contexts: [{name: e2e, context: {cluster: e2e, user: operator}}]
        current-context: e2e
        """.formatted(config.getMasterUrl(), ca, token);
    return E2e.write(file, yaml);
  }
}
