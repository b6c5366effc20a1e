package io.tenantguard.separation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.tenantguard.api.v1alpha1.classification.NetworkIsolation;
import io.tenantguard.api.v1alpha1.tenant.Network;
import io.tenantguard.api.v1alpha1.tenant.NetworkPeer;
import io.tenantguard.kube.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicies of one tenant namespace: deny everything, then allow the tenant's own
 * namespaces, cluster DNS, and the flows the Tenant declares (under Strict, no egress to addresses
 * outside the cluster).
 */
public final class NetworkPolicies {
  public static final String DEFAULT_DENY = "tenantguard-default-deny";
  public static final String ALLOW_TENANT = "tenantguard-allow-tenant";
  public static final String ALLOW_DECLARED = "tenantguard-allow-declared";
  private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

  private NetworkPolicies() {}

  /** The policies, and the declared flows that the classification refused. */
  public record Desired(List<NetworkPolicy> policies, List<String> refusedFlows) {}

  public static Desired desired(String tenant, String namespace, Network network, NetworkIsolation isolation) {
    List<NetworkPolicy> policies = new ArrayList<>();
    policies.add(policy(tenant, namespace, DEFAULT_DENY, List.of(), List.of()));
    policies.add(
        policy(
            tenant,
            namespace,
            ALLOW_TENANT,
            List.of(new NetworkPolicyIngressRuleBuilder().withFrom(tenantPeer(tenant)).build()),
            List.of(
                new NetworkPolicyEgressRuleBuilder().withTo(tenantPeer(tenant)).build(),
                clusterDns())));
    List<String> refused = new ArrayList<>();
    List<NetworkPolicyEgressRule> egress = new ArrayList<>();
    for (NetworkPeer peer : network.egress()) {
      if (peer.cidr() != null && isolation == NetworkIsolation.Strict) {
        refused.add("egress to " + peer.cidr());
      } else {
        egress.add(new NetworkPolicyEgressRuleBuilder().withTo(peer(peer)).withPorts(ports(peer)).build());
      }
    }
    List<NetworkPolicyIngressRule> ingress =
        network.ingress().stream()
            .map(peer -> new NetworkPolicyIngressRuleBuilder().withFrom(peer(peer)).withPorts(ports(peer)).build())
            .toList();
    if (!ingress.isEmpty() || !egress.isEmpty()) {
      policies.add(policy(tenant, namespace, ALLOW_DECLARED, ingress, egress));
    }
    return new Desired(policies, refused);
  }

  private static NetworkPolicy policy(
      String tenant,
      String namespace,
      String name,
      List<NetworkPolicyIngressRule> ingress,
      List<NetworkPolicyEgressRule> egress) {
    return new NetworkPolicyBuilder()
        .withMetadata(Labels.ownedMetadata(tenant, namespace, name))
        .withNewSpec()
        .withPodSelector(new LabelSelector())
        .withPolicyTypes("Ingress", "Egress")
        .withIngress(ingress)
        .withEgress(egress)
        .endSpec()
        .build();
  }

  private static NetworkPolicyPeer tenantPeer(String tenant) {
    return new NetworkPolicyPeerBuilder().withNamespaceSelector(selector(Labels.TENANT, tenant)).build();
  }

  private static NetworkPolicyEgressRule clusterDns() {
    return new NetworkPolicyEgressRuleBuilder()
        .withTo(
            new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(selector(NAMESPACE_NAME, "kube-system"))
                .withPodSelector(selector("k8s-app", "kube-dns"))
                .build())
        .withPorts(port(53, "UDP"), port(53, "TCP"))
        .build();
  }

  private static NetworkPolicyPeer peer(NetworkPeer peer) {
    if (peer.tenant() != null) {
      return tenantPeer(peer.tenant());
    }
    if (peer.namespace() != null) {
      return new NetworkPolicyPeerBuilder().withNamespaceSelector(selector(NAMESPACE_NAME, peer.namespace())).build();
    }
    return new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(peer.cidr()).endIpBlock().build();
  }

  private static List<NetworkPolicyPort> ports(NetworkPeer peer) {
    return peer.ports().stream().map(p -> port(p.port(), p.protocol() == null ? "TCP" : p.protocol().name())).toList();
  }

  private static NetworkPolicyPort port(int number, String protocol) {
    return new NetworkPolicyPortBuilder().withPort(new IntOrString(number)).withProtocol(protocol).build();
  }

  private static LabelSelector selector(String key, String value) {
    return new LabelSelectorBuilder().withMatchLabels(Map.of(key, value)).build();
  }
}
