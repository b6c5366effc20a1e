package io.tenantguard.separation;

import io.tenantguard.api.v1alpha1.classification.NetworkIsolation;
import io.tenantguard.api.v1alpha1.tenant.Network;
import io.tenantguard.api.v1alpha1.tenant.NetworkPeer;
import io.tenantguard.api.v1alpha1.tenant.NetworkPort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The flows of a Tenant's {@code spec.network} that its namespaces' NetworkPolicies allow, written
 * on each namespace as annotations so that an admission policy can compare a tenant's own
 * NetworkPolicy with them ({@link StrictNetworkPolicies}), and the tenant can read them.
 *
 * <p>One entry per declared peer, comma-separated: {@code tenant=<name>}, {@code namespace=<name>}
 * or {@code cidr=<block>}, followed by {@code |<PROTOCOL>/<port>} for each port it is limited to
 * (none: every port). For example {@code namespace=ingress-nginx|TCP/8443,cidr=203.0.113.0/24}.
 */
public final class DeclaredFlows {
  public static final String INGRESS_ANNOTATION = "tenantguard.io/allowed-ingress";
  public static final String EGRESS_ANNOTATION = "tenantguard.io/allowed-egress";

  private DeclaredFlows() {}

  /** The annotations of a namespace under {@code isolation}; none for a direction without flows. */
  public static Map<String, String> annotations(Network network, NetworkIsolation isolation) {
    Map<String, String> annotations = new LinkedHashMap<>();
    put(annotations, INGRESS_ANNOTATION, network.ingress());
    // Under Strict, declared egress to addresses outside the cluster is refused (NetworkPolicies).
    put(annotations, EGRESS_ANNOTATION, network.egress().stream()
        .filter(peer -> peer.cidr() == null || isolation != NetworkIsolation.Strict)
        .toList());
    return annotations;
  }

  private static void put(Map<String, String> annotations, String key, List<NetworkPeer> peers) {
    if (!peers.isEmpty()) {
      annotations.put(key, peers.stream().map(DeclaredFlows::entry).collect(Collectors.joining(",")));
    }
  }

  static String entry(NetworkPeer peer) {
    String target =
        peer.tenant() != null ? "tenant=" + peer.tenant()
            : peer.namespace() != null ? "namespace=" + peer.namespace()
            : "cidr=" + peer.cidr();
    return target + peer.ports().stream().map(DeclaredFlows::port).collect(Collectors.joining());
  }

  private static String port(NetworkPort port) {
    return "|" + (port.protocol() == null ? NetworkPort.Protocol.TCP : port.protocol()).name() + "/" + port.port();
  }
}
