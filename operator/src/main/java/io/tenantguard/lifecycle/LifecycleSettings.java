package io.tenantguard.lifecycle;

import io.tenantguard.kube.CalendarDuration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The platform's policy for deletion schedules, from the operator's options.
 *
 * @param timeZone where retentions counted in days end: at the next midnight there
 * @param minRetention the least retention after termination, whatever a classification asks
 * @param minProofRetention the least time a DestructionCertificate is kept
 * @param keyNamespace the operator's namespace, which holds the Secret of its signing key
 */
public record LifecycleSettings(
    ZoneId timeZone, CalendarDuration minRetention, CalendarDuration minProofRetention, String keyNamespace) {
  public static final String DEFAULT_NAMESPACE = "tenantguard-system";
  /** The matrix's own floors: data accessible 90 days, proof kept a year. */
  public static final LifecycleSettings STANDARD = new LifecycleSettings(
      ZoneOffset.UTC, CalendarDuration.parse("P90D"), CalendarDuration.parse("P1Y"), DEFAULT_NAMESPACE);

  /** No floor: what classifications ask is what applies (tests, demos). */
  public LifecycleSettings withoutFloors() {
    return new LifecycleSettings(timeZone, CalendarDuration.ZERO, CalendarDuration.ZERO, keyNamespace);
  }

  public LifecycleSettings withKeyNamespace(String namespace) {
    return new LifecycleSettings(timeZone, minRetention, minProofRetention, namespace);
  }
}
