package io.tenantguard.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class DesiredStateTest {
  private static NetworkPolicy desired() {
    return DesiredState.fingerprinted(new NetworkPolicyBuilder()
        .withNewMetadata().withName("deny").withNamespace("web").addToLabels("app.kubernetes.io/managed-by", "tenantguard")
        .endMetadata()
        .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress", "Egress")
        .addNewIngress().addNewPort().withNewPort(443).endPort().endIngress()
        .endSpec()
        .build());
  }

  /** The object as the API server keeps it: defaults filled in, fields of its own and of others. */
  private static NetworkPolicy applied(NetworkPolicy desired) {
    NetworkPolicy actual = Serialization.clone(desired);
    actual.getMetadata().setUid("1234");
    actual.getMetadata().setResourceVersion("42");
    actual.getMetadata().getLabels().put("team", "added-by-someone-else");
    actual.getSpec().getIngress().get(0).getPorts().get(0).setProtocol("TCP");
    return actual;
  }

  @Test
  void anObjectAsAppliedHoldsWhatWasDesired() {
    assertThat(DesiredState.holds(applied(desired()), desired())).isTrue();
  }

  @Test
  void aChangedFieldIsFound() {
    NetworkPolicy actual = applied(desired());
    actual.getSpec().getIngress().get(0).getPorts().get(0).setPort(new IntOrString(80));

    assertThat(DesiredState.holds(actual, desired())).isFalse();
  }

  @Test
  void aRemovedLabelOrListEntryIsFound() {
    NetworkPolicy unlabelled = applied(desired());
    unlabelled.getMetadata().getLabels().remove("app.kubernetes.io/managed-by");
    NetworkPolicy oneType = applied(desired());
    oneType.getSpec().getPolicyTypes().remove("Egress");

    assertThat(DesiredState.holds(unlabelled, desired())).isFalse();
    assertThat(DesiredState.holds(oneType, desired())).isFalse();
  }

  @Test
  void aFieldNoLongerDesiredIsFoundThroughTheFingerprint() {
    NetworkPolicy actual = applied(desired());
    NetworkPolicy lessDesired = desired();
    lessDesired.getSpec().setPolicyTypes(null);
    lessDesired.getMetadata().getAnnotations().clear();
    DesiredState.fingerprinted(lessDesired);

    assertThat(DesiredState.holds(actual, lessDesired)).isFalse();
  }

  @Test
  void theFingerprintIgnoresWhatJosdkAddsWhenApplying() {
    NetworkPolicy applying = desired();
    applying.getMetadata().getOwnerReferences().add(new OwnerReferenceBuilder().withName("acme").withUid("1").build());
    applying.getMetadata().getAnnotations().put(InformerEventSource.PREVIOUS_ANNOTATION_KEY, "41");

    assertThat(DesiredState.fingerprinted(applying).getMetadata().getAnnotations())
        .containsEntry(DesiredState.FINGERPRINT, desired().getMetadata().getAnnotations().get(DesiredState.FINGERPRINT));
  }

  @Test
  void theFingerprintDependsOnlyOnTheContent() {
    assertThat(desired().getMetadata().getAnnotations().get(DesiredState.FINGERPRINT))
        .isEqualTo(desired().getMetadata().getAnnotations().get(DesiredState.FINGERPRINT))
        .hasSize(22);
  }

  @Test
  void quantitiesCompareByValueAsTheApiServerRewritesThem() {
    var quota = DesiredState.fingerprinted(new io.fabric8.kubernetes.api.model.ResourceQuotaBuilder()
        .withNewMetadata().withName("q").withNamespace("web").endMetadata()
        .withNewSpec().addToHard("requests.cpu", new io.fabric8.kubernetes.api.model.Quantity("4000m"))
        .addToHard("requests.memory", new io.fabric8.kubernetes.api.model.Quantity("1024Mi")).endSpec().build());
    var stored = Serialization.clone(quota);
    stored.getSpec().getHard().put("requests.cpu", new io.fabric8.kubernetes.api.model.Quantity("4"));
    stored.getSpec().getHard().put("requests.memory", new io.fabric8.kubernetes.api.model.Quantity("1Gi"));

    assertThat(DesiredState.holds(stored, quota)).isTrue();
    stored.getSpec().getHard().put("requests.cpu", new io.fabric8.kubernetes.api.model.Quantity("5"));
    assertThat(DesiredState.holds(stored, quota)).isFalse();
  }

  @Test
  void theFingerprintDoesNotDependOnTheOrderOfMapEntries() {
    NetworkPolicy one = desired();
    NetworkPolicy other = desired();
    var zFirst = new LinkedHashMap<String, String>();
    zFirst.put("z", "1");
    zFirst.put("app.kubernetes.io/managed-by", "tenantguard");
    var zLast = new LinkedHashMap<String, String>();
    zLast.put("app.kubernetes.io/managed-by", "tenantguard");
    zLast.put("z", "1");
    one.getMetadata().setLabels(zFirst);
    other.getMetadata().setLabels(zLast);

    assertThat(DesiredState.fingerprintOf(DesiredState.fingerprinted(one)))
        .isEqualTo(DesiredState.fingerprintOf(DesiredState.fingerprinted(other)));
  }
}
