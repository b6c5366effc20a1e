package io.tenantguard.kube;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO 8601 duration as the API takes it: calendar parts (years, months, weeks, days) and time
 * parts (hours, minutes, seconds) at once, such as {@code P1Y}, {@code P90D}, {@code PT40S} or
 * {@code P1DT12H}. The JDK parses each half ({@link Period}, {@link Duration}) but not both. Added
 * to a time, the calendar parts count in the calendar of its zone: {@code P1Y} is one calendar
 * year (366 days across a leap day) and {@code P1D} one calendar day (23 hours on the day clocks
 * go forward), then the time parts are added exactly.
 *
 * @param text the duration as written
 */
public record CalendarDuration(Period period, Duration time, String text) {
  private static final Pattern ISO = Pattern.compile("P(?<date>[^T]*)(T(?<time>.+))?");
  public static final CalendarDuration ZERO = parse("PT0S");

  /** Reads {@code text}, or says why it is not an ISO 8601 duration. */
  public static CalendarDuration parse(String text) {
    Matcher parts = text == null ? null : ISO.matcher(text);
    if (parts == null || !parts.matches() || (parts.group("date").isEmpty() && parts.group("time") == null)) {
      throw new IllegalArgumentException("'" + text + "' is not an ISO 8601 duration such as P90D, P1Y or PT40S");
    }
    try {
      Period period = parts.group("date").isEmpty() ? Period.ZERO : Period.parse("P" + parts.group("date"));
      Duration time = parts.group("time") == null ? Duration.ZERO : Duration.parse("PT" + parts.group("time"));
      if (period.isNegative() || time.isNegative()) {
        throw new IllegalArgumentException("'" + text + "' is negative: a duration of the API is zero or more");
      }
      return new CalendarDuration(period, time, text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not an ISO 8601 duration such as P90D, P1Y or PT40S", e);
    }
  }

  /** The time this long after {@code start}: calendar parts in its zone first, then time parts. */
  public ZonedDateTime addTo(ZonedDateTime start) {
    return start.plus(period).plus(time);
  }

  /** The instant this long after {@code start}, the calendar parts counted in UTC. */
  public Instant after(Instant start) {
    return addTo(start.atZone(ZoneOffset.UTC)).toInstant();
  }

  /** Calendar parts only, at least a day: a retention counted in days, which ends at a midnight. */
  public boolean wholeDays() {
    return time.isZero() && !period.isZero();
  }

  @Override
  public String toString() {
    return text;
  }
}
