package io.tenantguard.separation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeparationDefaultsTest {
  private final SeparationDefaults standard = SeparationDefaults.STANDARD;

  @Test
  void everyQuotaFieldHasABuiltInDefault() {
    var quota = standard.quota();
    assertThat(new Object[] {quota.cpu(), quota.memory(), quota.storage(), quota.ephemeralStorage(), quota.pods(),
        quota.services(), quota.configMaps(), quota.secrets(), quota.persistentVolumeClaims(),
        quota.replicationControllers(), quota.resourceQuotas(), quota.nodePorts(), quota.loadBalancers(),
        quota.objectsPerKind()}).doesNotContainNull().hasSize(SeparationDefaults.QUOTA_FIELDS.size());
  }

  @Test
  void optionsReplaceOnlyTheFieldsTheyName() {
    SeparationDefaults configured = standard.withQuota(Map.of("pods", "30", "ephemeralStorage", "40Gi"))
        .withDefaultLimit(Map.of("ephemeralStorage", "2Gi"))
        .withMax(Map.of("cpu", "2"));

    assertThat(configured.quota().pods()).isEqualTo(new Quantity("30"));
    assertThat(configured.quota().ephemeralStorage()).isEqualTo(new Quantity("40Gi"));
    assertThat(configured.quota().cpu()).isEqualTo(standard.quota().cpu());
    assertThat(configured.limits().defaultLimit().ephemeralStorage()).isEqualTo(new Quantity("2Gi"));
    assertThat(configured.limits().defaultLimit().memory()).isEqualTo(new Quantity("512Mi"));
    assertThat(configured.limits().defaultRequest()).isEqualTo(standard.limits().defaultRequest());
    assertThat(configured.limits().max().cpu()).isEqualTo(new Quantity("2"));
    assertThat(configured.limits().max().memory()).isNull();
  }

  @Test
  void noOptionsKeepTheBuiltInDefaults() {
    assertThat(standard.withQuota(null).withDefaultRequest(Map.of()).withMax(null)).isEqualTo(standard);
  }

  @Test
  void anUnknownFieldIsRefusedWithTheKnownOnesListed() {
    assertThatThrownBy(() -> standard.withQuota(Map.of("pod", "30")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'pod' is not one of cpu, memory, storage, ephemeralStorage, pods, services, configMaps, secrets,"
            + " persistentVolumeClaims, replicationControllers, resourceQuotas, nodePorts, loadBalancers, objectsPerKind");
    assertThatThrownBy(() -> standard.withDefaultRequest(Map.of("gpu", "1")))
        .hasMessage("'gpu' is not one of cpu, memory, ephemeralStorage");
  }

  @Test
  void aValueThatIsNoQuantityIsRefused() {
    assertThatThrownBy(() -> standard.withQuota(Map.of("memory", "eight")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("memory=eight: 'eight' is not a quantity such as 4, 500m or 8Gi");
    assertThatThrownBy(() -> standard.withQuota(Map.of("memory", "8Gb")))
        .hasMessageContaining("'8Gb' is not a quantity");
  }
}
