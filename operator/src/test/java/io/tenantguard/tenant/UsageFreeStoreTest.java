package io.tenantguard.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.tenantguard.kube.DesiredState;
import org.junit.jupiter.api.Test;

class UsageFreeStoreTest {
  private static ResourceQuota quota(boolean withUsage) {
    ResourceQuotaBuilder quota = new ResourceQuotaBuilder()
        .withNewMetadata().withName("tenantguard").withNamespace("acme-web").addToLabels("tenantguard.io/tenant", "acme")
        .endMetadata()
        .withNewSpec().addToHard("pods", new Quantity("50")).endSpec();
    if (withUsage) {
      quota.editMetadata().withManagedFields(new ManagedFieldsEntryBuilder().withManager("kube-controller-manager").build())
          .endMetadata()
          .withNewStatus().addToHard("pods", new Quantity("50")).addToUsed("pods", new Quantity("7")).endStatus();
    }
    return quota.build();
  }

  @Test
  void keepsWhatTheQuotaIsJudgedByWithoutItsUsage() {
    UsageFreeStore store = new UsageFreeStore();
    store.put("acme-web/tenantguard", quota(true));
    ResourceQuota kept = store.get("acme-web/tenantguard");
    assertThat(kept.getStatus()).isNull();
    assertThat(kept.getMetadata().getManagedFields()).isNull();
    assertThat(kept.getSpec().getHard()).containsEntry("pods", new Quantity("50"));
    assertThat(DesiredState.holds(kept, quota(false))).as("the quota still holds what tenantguard applies").isTrue();
  }
}
