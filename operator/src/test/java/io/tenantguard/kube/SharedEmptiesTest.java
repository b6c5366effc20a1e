package io.tenantguard.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class SharedEmptiesTest {
  private static final String POLICY = """
      {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
       "metadata": {"name": "tenant-isolation", "namespace": "acme-web", "resourceVersion": "7",
                    "labels": {"app.kubernetes.io/managed-by": "tenantguard", "tenantguard.io/tenant": "acme"}},
       "spec": {"podSelector": {},
                "policyTypes": ["Ingress", "Egress"],
                "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"tenantguard.io/tenant": "acme"}}}]}],
                "egress": [{"to": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}}}],
                            "ports": [{"protocol": "UDP", "port": 53}]}]}}
      """;

  private final KubernetesSerialization json = SharedValues.serialization();

  private NetworkPolicy cached(String object) {
    ManagedFieldsFreeStore<NetworkPolicy> store = new ManagedFieldsFreeStore<>();
    store.put("acme-web/tenant-isolation", json.unmarshal(object, NetworkPolicy.class));
    return store.get("acme-web/tenant-isolation");
  }

  @Test
  void emptyListsAndMapsAtEveryDepthAreTheSharedEmptyOnes() {
    NetworkPolicy policy = cached(POLICY);
    assertThat(policy.getMetadata().getAnnotations()).isSameAs(Collections.emptyMap());
    assertThat(policy.getMetadata().getFinalizers()).isSameAs(Collections.emptyList());
    assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isSameAs(Collections.emptyMap());
    assertThat(policy.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector().getMatchExpressions())
        .isSameAs(Collections.emptyList());
    assertThat(policy.getSpec().getEgress().get(0).getPorts().get(0).getAdditionalProperties())
        .isSameAs(Collections.emptyMap());
  }

  @Test
  void theCachedObjectReadsWritesAndComparesAsTheObjectRead() {
    NetworkPolicy read = json.unmarshal(POLICY, NetworkPolicy.class);
    read.getMetadata().setManagedFields(null); // which the store drops
    NetworkPolicy policy = cached(POLICY);
    assertThat(policy).isEqualTo(read);
    assertThat(json.asJson(policy)).isEqualTo(json.asJson(read));
    assertThat(policy.getMetadata().getLabels()).containsEntry("tenantguard.io/tenant", "acme");
    assertThat(DesiredState.holds(policy, read)).isTrue();
  }

  @Test
  void aCopyOfACachedObjectCanBeChanged() {
    NetworkPolicy copy = new NetworkPolicyBuilder(cached(POLICY))
        .editMetadata().addToAnnotations("note", "changed").addToFinalizers("example.com/keep").endMetadata()
        .editSpec().editPodSelector().addToMatchLabels("app", "web").endPodSelector().endSpec()
        .build();
    assertThat(copy.getMetadata().getAnnotations()).containsEntry("note", "changed");
    assertThat(copy.getSpec().getPodSelector().getMatchLabels()).containsEntry("app", "web");
    assertThat(json.clone(cached(POLICY)).getMetadata().getAnnotations()).isNotSameAs(Collections.emptyMap());
  }

  @Test
  void ofACustomResourceOnlyItsMetadataIsTouched() {
    String acme = """
        {"apiVersion": "tenantguard.io/v1alpha1", "kind": "Tenant", "metadata": {"name": "acme"},
         "spec": {"displayName": "Acme", "contacts": [], "namespaces": [{"name": "acme-web"}]}}
        """;
    ManagedFieldsFreeStore<Tenant> store = new ManagedFieldsFreeStore<>();
    store.put("acme", json.unmarshal(acme, Tenant.class));
    Tenant tenant = store.get("acme");
    Tenant read = json.unmarshal(acme, Tenant.class);
    assertThat(tenant.getMetadata().getLabels()).isSameAs(Collections.emptyMap());
    assertThat(tenant.getSpec()).isEqualTo(read.getSpec());
  }
}
