package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.tenant.Network;
import io.tenantguard.api.v1alpha1.tenant.NetworkPeer;
import io.tenantguard.api.v1alpha1.tenant.NetworkPort;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantSpec;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.separation.NetworkPolicies;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Network isolation judged by what the NetworkPolicies on the real cluster say, not by their count:
 * default deny both ways, the tenant's own namespaces, DNS to the cluster's DNS pods only, and under
 * Strict no address outside the cluster as a destination, even one the Tenant declares.
 */
@ExtendWith(RealCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkIsolationContentTest {
  private static final String TENANT = "net-content";
  private static final String STRICT = "net-content-records";
  private static final String STANDARD = "net-content-web";
  private static final String OUTSIDE = "203.0.113.0/24";

  private KubernetesClient admin;

  @BeforeAll
  void aTenantDeclaringEgressToAnAddressOutsideTheCluster(RealCluster.Cluster cluster) {
    admin = Platform.examplesProvisioned(cluster);
    Tenant tenant = Tenants.tenant(TENANT, List.of(Certification.HDS),
        Tenants.namespace(STRICT, "fr-paris", "health"), Tenants.namespace(STANDARD, "fr-paris", "public"));
    TenantSpec s = tenant.getSpec();
    tenant.setSpec(new TenantSpec(s.displayName(), s.compliance(), s.contacts(), s.namespaces(), s.access(), s.quota(),
        s.limits(), new Network(List.of(), List.of(new NetworkPeer(null, null, OUTSIDE, List.of(new NetworkPort(443, null))),
            new NetworkPeer(null, "backup-system", null, List.of()))), s.encryption(), s.lifecycle()));
    Platform.apply(admin, tenant);
    Platform.awaitProvisioned(admin, TENANT);
  }

  @Test
  void everyNamespaceDeniesByDefaultAndAllowsItsTenantAndTheClusterDnsOnly() {
    for (String namespace : List.of(STRICT, STANDARD, "horizon-records", "lumiere-web")) {
      String tenant = admin.namespaces().withName(namespace).get().getMetadata().getLabels().get(Labels.TENANT);
      NetworkPolicy deny = policy(namespace, NetworkPolicies.DEFAULT_DENY);
      assertThat(deny.getSpec().getPodSelector().getMatchLabels()).as(namespace).isNullOrEmpty();
      assertThat(deny.getSpec().getPolicyTypes()).as(namespace).containsExactlyInAnyOrder("Ingress", "Egress");
      assertThat(deny.getSpec().getIngress()).as(namespace).isEmpty();
      assertThat(deny.getSpec().getEgress()).as(namespace).isEmpty();

      NetworkPolicy own = policy(namespace, NetworkPolicies.ALLOW_TENANT);
      assertThat(own.getSpec().getIngress()).as(namespace).hasSize(1);
      assertThat(own.getSpec().getIngress().get(0).getFrom()).as(namespace)
          .containsExactly(namespacesOf(Labels.TENANT, tenant));
      assertThat(own.getSpec().getEgress()).as(namespace).hasSize(2);
      assertThat(own.getSpec().getEgress().get(0).getTo()).containsExactly(namespacesOf(Labels.TENANT, tenant));
      NetworkPolicyEgressRule dns = own.getSpec().getEgress().get(1);
      assertThat(dns.getTo()).as("DNS: the cluster's DNS pods, in kube-system, and nothing else").hasSize(1);
      NetworkPolicyPeer target = dns.getTo().get(0);
      assertThat(target.getIpBlock()).isNull();
      assertThat(target.getNamespaceSelector().getMatchLabels()).isEqualTo(Map.of("kubernetes.io/metadata.name", "kube-system"));
      assertThat(target.getPodSelector().getMatchLabels()).isEqualTo(Map.of("k8s-app", "kube-dns"));
      assertThat(dns.getPorts()).extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
          .containsExactlyInAnyOrder("UDP/53", "TCP/53");
    }
  }

  @Test
  void underStrictNoPolicyReachesAnAddressOutsideTheClusterEvenDeclared() {
    List<NetworkPolicyPeer> destinations = admin.network().v1().networkPolicies().inNamespace(STRICT).list().getItems()
        .stream()
        .flatMap(p -> p.getSpec().getEgress().stream())
        .flatMap(rule -> rule.getTo().stream())
        .toList();

    assertThat(destinations).isNotEmpty().allSatisfy(peer -> assertThat(peer.getIpBlock()).as(peer.toString()).isNull());
    assertThat(destinations).as("the declared in-cluster flow is kept")
        .contains(namespacesOf("kubernetes.io/metadata.name", "backup-system"));
    var isolated = Conditions.find(admin.resources(Tenant.class).withName(TENANT).get().getStatus().conditions(),
        StatusConditions.ISOLATED);
    assertThat(isolated.getMessage()).contains("declared flows refused: egress to " + OUTSIDE + " from " + STRICT);
  }

  @Test
  void underStandardTheSameDeclarationReachesTheAddressOnItsPortOnly() {
    NetworkPolicy declared = policy(STANDARD, NetworkPolicies.ALLOW_DECLARED);

    assertThat(declared.getSpec().getEgress()).anySatisfy(rule -> {
      assertThat(rule.getTo()).extracting(NetworkPolicyPeer::getIpBlock).filteredOn(Objects::nonNull)
          .singleElement().satisfies(block -> assertThat(block.getCidr()).isEqualTo(OUTSIDE));
      assertThat(rule.getPorts()).extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal()).containsExactly("TCP/443");
    });
    assertThat(declared.getSpec().getIngress()).isEmpty();
  }

  private NetworkPolicy policy(String namespace, String name) {
    return await().atMost(Platform.PATIENCE)
        .until(() -> admin.network().v1().networkPolicies().inNamespace(namespace).withName(name).get(), Objects::nonNull);
  }

  private static NetworkPolicyPeer namespacesOf(String label, String value) {
    return new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder()
        .withNewNamespaceSelector().withMatchLabels(Map.of(label, value)).endNamespaceSelector().build();
  }
}
