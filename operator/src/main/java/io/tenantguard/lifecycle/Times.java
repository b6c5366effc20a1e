package io.tenantguard.lifecycle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as the API writes them: RFC 3339 in UTC, to the second, so that what is signed reads back the same. */
final class Times {
  private Times() {}

  static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static Instant parse(String text) {
    return Instant.parse(text);
  }

  static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
