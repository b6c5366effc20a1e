package io.tenantguard.separation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.classification.NetworkIsolation;
import io.tenantguard.api.v1alpha1.classification.Requirements;
import io.tenantguard.api.v1alpha1.tenant.Network;
import io.tenantguard.api.v1alpha1.tenant.NetworkPeer;
import io.tenantguard.api.v1alpha1.tenant.NetworkPort;
import io.tenantguard.testing.Examples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantNamespacesTest {
  private static final Network LUMIERE = Examples.tenant("lumiere-media").getSpec().network();

  @Test
  void aStrictNamespaceIsLabelledAndListsItsDeclaredIngressButNoEgressOutsideTheCluster() {
    Namespace records = namespace("health", LUMIERE);

    assertThat(records.getMetadata().getLabels())
        .containsEntry(TenantNamespaces.NETWORK_ISOLATION_LABEL, NetworkIsolation.Strict.name());
    assertThat(records.getMetadata().getAnnotations())
        .containsEntry(DeclaredFlows.INGRESS_ANNOTATION, "namespace=ingress-nginx")
        .doesNotContainKey(DeclaredFlows.EGRESS_ANNOTATION);
  }

  @Test
  void aStandardNamespaceListsEveryDeclaredFlowWithItsPorts() {
    Namespace web = namespace("public", LUMIERE);

    assertThat(web.getMetadata().getLabels())
        .containsEntry(TenantNamespaces.NETWORK_ISOLATION_LABEL, NetworkIsolation.Standard.name());
    assertThat(web.getMetadata().getAnnotations())
        .containsEntry(DeclaredFlows.INGRESS_ANNOTATION, "namespace=ingress-nginx")
        .containsEntry(DeclaredFlows.EGRESS_ANNOTATION, "cidr=203.0.113.0/24|TCP/443");
  }

  @Test
  void flowsAreListedPeerByPeerWithEveryPortAndProtocol() {
    Network network = new Network(
        List.of(new NetworkPeer("partner", null, null, List.of(new NetworkPort(8443, null),
                new NetworkPort(53, NetworkPort.Protocol.UDP))),
            new NetworkPeer(null, null, "2001:db8::/32", null)),
        List.of(new NetworkPeer(null, "monitoring", null, null)));

    assertThat(DeclaredFlows.annotations(network, NetworkIsolation.Strict)).isEqualTo(Map.of(
        DeclaredFlows.INGRESS_ANNOTATION, "tenant=partner|TCP/8443|UDP/53,cidr=2001:db8::/32",
        DeclaredFlows.EGRESS_ANNOTATION, "namespace=monitoring"));
    assertThat(DeclaredFlows.annotations(Network.NONE, NetworkIsolation.Strict)).isEmpty();
  }

  private static Namespace namespace(String classification, Network network) {
    DataClassification c = Examples.classifications().get(classification);
    Requirements requirements = c.getSpec().requirements();
    return TenantNamespaces.desired("lumiere-media", "ns", "fr-paris", classification, Examples.regions().get("fr-paris"),
        true, requirements, network);
  }
}
