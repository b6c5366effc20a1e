package io.tenantguard.encryption;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * An ISO 8601 duration as the schema accepts it (P1Y, P3M, P2W, P90D, PT40S, P1Y2M3DT4H), added
 * with its calendar parts in UTC: P1Y after 29 February is 28 February of the next year. The
 * schema's pattern has already refused anything else.
 */
final class RotationInterval {
  private RotationInterval() {}

  static Instant after(Instant from, String duration) {
    int time = duration.indexOf('T');
    String datePart = time < 0 ? duration : duration.substring(0, time);
    Period period = datePart.equals("P") ? Period.ZERO : Period.parse(datePart);
    Duration clock = time < 0 ? Duration.ZERO : Duration.parse("P" + duration.substring(time));
    return from.atZone(ZoneOffset.UTC).plus(period).plus(clock).toInstant();
  }
}
