package io.tenantguard.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RotationIntervalTest {
  private static final Instant LEAP_DAY = Instant.parse("2024-02-29T10:00:00Z");

  @Test
  void calendarPartsAreCalendarUnits() {
    assertThat(RotationInterval.after(LEAP_DAY, "P1Y")).isEqualTo(Instant.parse("2025-02-28T10:00:00Z"));
    assertThat(RotationInterval.after(LEAP_DAY, "P3M")).isEqualTo(Instant.parse("2024-05-29T10:00:00Z"));
    assertThat(RotationInterval.after(LEAP_DAY, "P2W")).isEqualTo(Instant.parse("2024-03-14T10:00:00Z"));
    assertThat(RotationInterval.after(LEAP_DAY, "P90D")).isEqualTo(Instant.parse("2024-05-29T10:00:00Z"));
  }

  @Test
  void timePartsAndMixedDurationsAdd() {
    assertThat(RotationInterval.after(LEAP_DAY, "PT40S")).isEqualTo(Instant.parse("2024-02-29T10:00:40Z"));
    assertThat(RotationInterval.after(LEAP_DAY, "P1DT12H")).isEqualTo(Instant.parse("2024-03-01T22:00:00Z"));
    assertThat(RotationInterval.after(LEAP_DAY, "P1Y2M3DT4H5M6.5S"))
        .isEqualTo(Instant.parse("2025-05-02T14:05:06.500Z"));
  }
}
