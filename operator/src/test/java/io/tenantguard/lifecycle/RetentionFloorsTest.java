package io.tenantguard.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantguard.api.v1alpha1.classification.Retention;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetentionFloorsTest {
  private final RetentionFloors floors =
      new RetentionFloors(LifecycleSettings.STANDARD, Clock.fixed(Instant.parse("2026-06-10T00:00:00Z"), ZoneOffset.UTC));

  @Test
  void aClassificationAskingLessThanTheFloorIsToldTheFloorApplies() {
    var condition = floors.conditions(LifecycleFixtures.classification("demo", new Retention("PT40S", "P30D", true))).get(0);

    assertThat(condition.getType()).isEqualTo(RetentionFloors.RETENTION_RAISED);
    assertThat(condition.getStatus()).isEqualTo("True");
    assertThat(condition.getMessage()).isEqualTo("retention.afterTermination PT40S is less than the platform's floor"
        + " P90D: P90D applies; retention.destructionProof P30D is less than the platform's floor P1Y: P1Y applies");
  }

  @Test
  void oneAtTheFloorIsNot() {
    var condition = floors.conditions(LifecycleFixtures.classification("health", new Retention("P90D", "P365D", true)))
        .get(0);

    assertThat(condition.getStatus()).isEqualTo("False");
  }
}
