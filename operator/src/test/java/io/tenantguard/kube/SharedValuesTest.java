package io.tenantguard.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import org.junit.jupiter.api.Test;

class SharedValuesTest {
  private final KubernetesSerialization json = SharedValues.serialization();

  private Namespace namespace(String name, String note) {
    return json.unmarshal("""
        {"apiVersion": "v1", "kind": "Namespace",
         "metadata": {"name": "%s", "labels": {"tenantguard.io/tenant": "acme"}, "annotations": {"note": "%s"}}}
        """.formatted(name, note), Namespace.class);
  }

  @Test
  void equalShortStringsReadTwiceAreOneString() {
    Namespace first = namespace("acme-web", "x");
    Namespace second = namespace("acme-db", "x");
    assertThat(second.getMetadata().getLabels().get("tenantguard.io/tenant"))
        .isSameAs(first.getMetadata().getLabels().get("tenantguard.io/tenant"))
        .isEqualTo("acme");
    assertThat(second.getMetadata().getAnnotations().get("note")).isSameAs(first.getMetadata().getAnnotations().get("note"));
  }

  @Test
  void longStringsAreKeptAsRead() {
    String message = "m".repeat(SharedValues.LONGEST_SHARED_STRING + 1);
    String first = namespace("acme-web", message).getMetadata().getAnnotations().get("note");
    String second = namespace("acme-web", message).getMetadata().getAnnotations().get("note");
    assertThat(second).isEqualTo(first).isNotSameAs(first);
  }

  @Test
  void equalQuantitiesReadTwiceAreOneQuantity() {
    String quota = """
        {"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "q", "namespace": "%s"},
         "spec": {"hard": {"requests.memory": "8Gi", "pods": "50"}}}
        """;
    ResourceQuota first = json.unmarshal(quota.formatted("acme-web"), ResourceQuota.class);
    ResourceQuota second = json.unmarshal(quota.formatted("acme-db"), ResourceQuota.class);
    assertThat(second.getSpec().getHard().get("requests.memory")).isSameAs(first.getSpec().getHard().get("requests.memory"))
        .isEqualTo(new Quantity("8Gi"));
    assertThat(second.getSpec().getHard().get("pods")).isNotSameAs(second.getSpec().getHard().get("requests.memory"));
    assertThat(json.asJson(second)).contains("\"requests.memory\":\"8Gi\"");
  }

  @Test
  void customResourcesReadAsBefore() {
    Tenant tenant = json.unmarshal("""
        {"apiVersion": "tenantguard.io/v1alpha1", "kind": "Tenant", "metadata": {"name": "acme"},
         "status": {"controls": [{"id": "SNC-9.7", "state": "Enforced", "reason": "Isolated"}]}}
        """, Tenant.class);
    assertThat(tenant.getStatus().controls().get(0).id()).isSameAs("SNC-9.7".intern());
    assertThat(json.asJson(tenant)).contains("\"reason\":\"Isolated\"");
  }
}
