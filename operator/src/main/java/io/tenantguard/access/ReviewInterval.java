package io.tenantguard.access;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An access review interval, an ISO 8601 duration with calendar parts ({@code P3M} is three
 * calendar months) and time parts ({@code PT40S}), counted in UTC. The simplest correct reading
 * for the review alone; the lifecycle's calendar-aware parser is to replace it once merged.
 */
record ReviewInterval(String text, Period period, Duration time) {
  private static final Pattern ISO_8601 = Pattern.compile(
      "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?");

  static ReviewInterval parse(String text) {
    Matcher m = ISO_8601.matcher(text);
    if (!m.matches() || text.equals("P") || text.endsWith("T")) {
      throw new IllegalArgumentException("'" + text + "' is not an ISO 8601 duration such as P3M");
    }
    Period period = Period.of(number(m, 1), number(m, 2), number(m, 3) * 7 + number(m, 4));
    Duration time = Duration.ofHours(number(m, 5)).plusMinutes(number(m, 6));
    if (m.group(7) != null) {
      time = time.plusNanos(new java.math.BigDecimal(m.group(7)).movePointRight(9).longValueExact());
    }
    return new ReviewInterval(text, period, time);
  }

  Instant after(Instant start) {
    return start.atZone(ZoneOffset.UTC).plus(period).plus(time).toInstant();
  }

  /** The shorter of two intervals from the same start: the stricter classification wins. */
  ReviewInterval stricter(ReviewInterval other, Instant from) {
    return other.after(from).isBefore(after(from)) ? other : this;
  }

  private static int number(Matcher m, int group) {
    return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
  }
}
