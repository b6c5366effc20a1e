package io.tenantguard.separation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantSpec;
import io.tenantguard.capability.NamespaceMetadata;
import io.tenantguard.capability.NamespaceView;
import io.tenantguard.capability.PlacedNamespace;
import io.tenantguard.capability.TenantInputs;
import java.time.Instant;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.classification.NetworkIsolation;
import io.tenantguard.api.v1alpha1.tenant.Network;
import io.tenantguard.api.v1alpha1.tenant.NetworkPeer;
import io.tenantguard.api.v1alpha1.tenant.NetworkPort;
import io.tenantguard.testing.Examples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceIsolationMetadataTest {
  private static final Network LUMIERE = Examples.tenant("lumiere-media").getSpec().network();

  @Test
  void aStrictNamespaceIsLabelledAndListsItsDeclaredIngressButNoEgressOutsideTheCluster() {
    NamespaceMetadata records = namespace("health", LUMIERE);

    assertThat(records.labels())
        .containsEntry(SeparationCapability.NETWORK_ISOLATION_LABEL, NetworkIsolation.Strict.name());
    assertThat(records.annotations())
        .containsEntry(DeclaredFlows.INGRESS_ANNOTATION, "namespace=ingress-nginx")
        .doesNotContainKey(DeclaredFlows.EGRESS_ANNOTATION);
  }

  @Test
  void aStandardNamespaceListsEveryDeclaredFlowWithItsPorts() {
    NamespaceMetadata web = namespace("public", LUMIERE);

    assertThat(web.labels())
        .containsEntry(SeparationCapability.NETWORK_ISOLATION_LABEL, NetworkIsolation.Standard.name());
    assertThat(web.annotations())
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

  /** The labels and annotations separation contributes to a namespace of the given classification. */
  private static NamespaceMetadata namespace(String classification, Network network) {
    Tenant tenant = Examples.tenant("lumiere-media");
    TenantSpec s = tenant.getSpec();
    tenant.setSpec(new TenantSpec(s.displayName(), s.compliance(), s.contacts(), s.namespaces(), s.access(), s.quota(),
        s.limits(), network, s.encryption(), s.lifecycle()));
    DataClassification c = Examples.classifications().get(classification);
    NamespaceView view = new NamespaceView("ns", "fr-paris", classification, Examples.regions().get("fr-paris"), c,
        c.getSpec().requirements(), null, null, true);
    TenantInputs inputs = new TenantInputs(tenant, Examples.regions(), Examples.classifications(), List.of(), Map.of(),
        Instant.now());
    return new SeparationCapability(SeparationDefaults.STANDARD)
        .contribute(inputs, List.of(new PlacedNamespace(view, NamespaceState.Provisioned, "provisioned")))
        .namespaceMetadata().get("ns");
  }
}
