package io.tenantguard.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CalendarDurationTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void readsCalendarAndTimePartsTogether() {
    assertThat(CalendarDuration.parse("P1Y2M3DT4H5M6.5S")).satisfies(d -> {
      assertThat(d.period()).isEqualTo(Period.of(1, 2, 3));
      assertThat(d.time()).isEqualTo(Duration.parse("PT4H5M6.5S"));
    });
    assertThat(CalendarDuration.parse("P90D").period()).isEqualTo(Period.ofDays(90));
    assertThat(CalendarDuration.parse("P2W").period()).isEqualTo(Period.ofDays(14));
    assertThat(CalendarDuration.parse("PT40S").time()).isEqualTo(Duration.ofSeconds(40));
    assertThat(CalendarDuration.parse("PT40S").period()).isEqualTo(Period.ZERO);
    assertThat(CalendarDuration.parse("P3M").toString()).isEqualTo("P3M");
  }

  @Test
  void refusesWhatIsNoDurationOrIsNegativeNamingTheText() {
    for (String bad : new String[] {"P", "PT", "90D", "P1H", "P-1D", "PT-5S", "", "P1DT"}) {
      assertThatThrownBy(() -> CalendarDuration.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad + "'");
    }
    assertThatThrownBy(() -> CalendarDuration.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aYearIsACalendarYearAcrossALeapDay() {
    ZonedDateTime beforeLeapDay = ZonedDateTime.parse("2027-03-01T00:00:00Z");
    assertThat(CalendarDuration.parse("P1Y").addTo(beforeLeapDay)).isEqualTo(ZonedDateTime.parse("2028-03-01T00:00:00Z"));
    assertThat(Duration.between(beforeLeapDay, CalendarDuration.parse("P1Y").addTo(beforeLeapDay)).toDays()).isEqualTo(366);
    assertThat(CalendarDuration.parse("P1Y").addTo(ZonedDateTime.parse("2028-02-29T12:00:00Z")))
        .isEqualTo(ZonedDateTime.parse("2029-02-28T12:00:00Z"));
  }

  @Test
  void aDayIsACalendarDayAcrossAClockChangeAndTimePartsAreExact() {
    ZonedDateTime saturdayNoon = ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, PARIS);
    ZonedDateTime sundayNoon = CalendarDuration.parse("P1D").addTo(saturdayNoon);
    assertThat(sundayNoon.toLocalDateTime()).isEqualTo(saturdayNoon.toLocalDateTime().plusDays(1));
    assertThat(Duration.between(saturdayNoon, sundayNoon)).isEqualTo(Duration.ofHours(23));
    assertThat(Duration.between(saturdayNoon, CalendarDuration.parse("PT24H").addTo(saturdayNoon)))
        .isEqualTo(Duration.ofHours(24));
  }

  @Test
  void onlyCalendarPartsCountWholeDays() {
    assertThat(CalendarDuration.parse("P90D").wholeDays()).isTrue();
    assertThat(CalendarDuration.parse("P1Y").wholeDays()).isTrue();
    assertThat(CalendarDuration.parse("PT40S").wholeDays()).isFalse();
    assertThat(CalendarDuration.parse("P1DT1H").wholeDays()).isFalse();
    assertThat(CalendarDuration.parse("P0D").wholeDays()).isFalse();
  }

  @Test
  void afterAnInstantCountsCalendarPartsInUtc() {
    Instant leapDay = Instant.parse("2024-02-29T10:00:00Z");
    assertThat(CalendarDuration.parse("P1Y").after(leapDay)).isEqualTo(Instant.parse("2025-02-28T10:00:00Z"));
    assertThat(CalendarDuration.parse("P3M").after(Instant.parse("2026-11-30T00:00:00Z")))
        .isEqualTo(Instant.parse("2027-02-28T00:00:00Z"));
    assertThat(CalendarDuration.parse("P1Y2W").after(Instant.parse("2028-02-29T00:00:00Z")))
        .isEqualTo(Instant.parse("2029-03-14T00:00:00Z"));
    assertThat(CalendarDuration.parse("P1DT12H").after(leapDay)).isEqualTo(Instant.parse("2024-03-01T22:00:00Z"));
    assertThat(CalendarDuration.parse("PT40.5S").after(leapDay)).isEqualTo(leapDay.plusMillis(40_500));
  }
}
