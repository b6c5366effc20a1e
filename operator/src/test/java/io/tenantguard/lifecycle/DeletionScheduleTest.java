package io.tenantguard.lifecycle;

import static io.tenantguard.lifecycle.LifecycleFixtures.HOLD;
import static io.tenantguard.lifecycle.LifecycleFixtures.classifications;
import static io.tenantguard.lifecycle.LifecycleFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tenantguard.api.v1alpha1.certificate.DestroyedNamespace;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificate;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificateSpec;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.tenant.Deletion;
import io.tenantguard.api.v1alpha1.tenant.LifecycleState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantStatus;
import io.tenantguard.capability.LifecycleStage;
import io.tenantguard.capability.TenantLifecycle;
import io.tenantguard.kube.CalendarDuration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every transition and edge of the deletion schedule, with a fixed clock. */
class DeletionScheduleTest {
  private static final Instant TERMINATED = Instant.parse("2026-06-10T14:23:05Z");
  private static final LifecycleSettings PARIS =
      new LifecycleSettings(ZoneId.of("Europe/Paris"), CalendarDuration.ZERO, CalendarDuration.ZERO, "ns");
  private static final LifecycleSettings UTC_NO_FLOOR = LifecycleSettings.STANDARD.withoutFloors();
  private static final Map<String, DataClassification> P90D = classifications("P90D", "P30D", true);
  private static final Map<String, DataClassification> SECONDS = classifications("PT40S", "PT10S", true);

  private static TenantLifecycle decide(LifecycleSettings settings, Tenant tenant,
      Map<String, DataClassification> classifications, Instant now) {
    return new DeletionSchedule(settings).decide(tenant, classifications, List.of(), null, now);
  }

  private static Deletion written(String deadline) {
    return Deletion.terminated(TERMINATED.toString(), "PT40S (classification health)", deadline);
  }

  @Test
  void activeAndSuspendedTenantsHaveNoSchedule() {
    TenantLifecycle active = decide(PARIS, tenant(LifecycleState.Active, HOLD, true, null), P90D, TERMINATED);
    TenantLifecycle suspended = decide(PARIS, tenant(LifecycleState.Suspended, null, true, null), P90D, TERMINATED);

    assertThat(active.stage()).isEqualTo(LifecycleStage.Active);
    assertThat(active.deletion()).isNull();
    assertThat(suspended.stage()).isEqualTo(LifecycleStage.Suspended);
    assertThat(suspended.deletion()).isNull();
  }

  @Test
  void aRetentionInDaysEndsAtTheNextMidnightOfThePlatformsTimeZone() {
    TenantLifecycle retained = decide(PARIS, tenant(LifecycleState.Terminated, null, null, null), P90D, TERMINATED);

    assertThat(retained.stage()).isEqualTo(LifecycleStage.Retained);
    assertThat(retained.recoveryAccess()).as("dataRecoveryAccess defaults to true").isTrue();
    assertThat(retained.deletion().terminatedAt()).isEqualTo("2026-06-10T14:23:05Z");
    // 2026-09-08 16:23:05 in Paris, then midnight: 2026-09-09 00:00 +02:00
    assertThat(retained.deletion().dataAccessibleUntil()).isEqualTo("2026-09-08T22:00:00Z");
    assertThat(retained.deletion().retention()).isEqualTo("P90D (classification health)");
  }

  @Test
  void midnightRoundingCountsCalendarDaysAcrossTheChangeToSummerTime() {
    Instant saturdayMorning = Instant.parse("2026-03-01T10:00:00Z"); // 11:00 in Paris, winter time
    TenantLifecycle retained = decide(PARIS, tenant(LifecycleState.Terminated, null, true, null),
        classifications("P28D", "P1D", true), saturdayMorning);

    // 28 calendar days later is 2026-03-29 11:00, summer time since 02:00 that day; then midnight +02:00
    assertThat(retained.deletion().dataAccessibleUntil()).isEqualTo("2026-03-29T22:00:00Z");
  }

  @Test
  void aRetentionEndingExactlyAtMidnightIsNotPushedADayLater() {
    Instant parisMidnight = Instant.parse("2026-02-28T23:00:00Z"); // 2026-03-01 00:00 +01:00
    TenantLifecycle retained = decide(PARIS, tenant(LifecycleState.Terminated, null, true, null),
        classifications("P28D", "P1D", true), parisMidnight);

    assertThat(retained.deletion().dataAccessibleUntil()).isEqualTo("2026-03-28T23:00:00Z");
  }

  @Test
  void aRetentionWithATimePartIsExact() {
    TenantLifecycle retained = decide(PARIS, tenant(LifecycleState.Terminated, null, true, null), SECONDS, TERMINATED);

    assertThat(retained.deletion().dataAccessibleUntil()).isEqualTo("2026-06-10T14:23:45Z");
    assertThat(retained.deletion().retention()).isEqualTo("PT40S (classification health)");
  }

  @Test
  void aYearIsACalendarYearAcrossALeapDay() {
    TenantLifecycle retained = decide(UTC_NO_FLOOR, tenant(LifecycleState.Terminated, null, true, null),
        classifications("P1Y", "P1D", true), Instant.parse("2027-03-01T00:00:00Z"));

    assertThat(retained.deletion().dataAccessibleUntil()).isEqualTo("2028-03-01T00:00:00Z");
  }

  @Test
  void theLongestRetentionOfTheClassesHeldAppliesAndAShorterOneGetsThePlatformsFloor() {
    LifecycleSettings floor = new LifecycleSettings(ZoneOffset.UTC, CalendarDuration.parse("P90D"),
        CalendarDuration.parse("P1Y"), "ns");

    TenantLifecycle longest = decide(UTC_NO_FLOOR, tenant(LifecycleState.Terminated, null, true, null),
        classifications("PT40S", "P7D", true), TERMINATED);
    TenantLifecycle floored = decide(floor, tenant(LifecycleState.Terminated, null, true, null), SECONDS, TERMINATED);

    assertThat(longest.deletion().dataAccessibleUntil()).isEqualTo("2026-06-18T00:00:00Z");
    assertThat(longest.deletion().retention()).isEqualTo("P7D (classification public)");
    assertThat(floored.deletion().dataAccessibleUntil()).isEqualTo("2026-09-09T00:00:00Z");
    assertThat(floored.deletion().retention()).isEqualTo("P90D (the platform's floor)");
  }

  @Test
  void aDeadlineJustComputedIsNeverActedOnEvenWhenItHasPassed() {
    TenantLifecycle first = decide(PARIS, tenant(LifecycleState.Terminated, null, true, null),
        classifications("PT0S", "PT0S", true), TERMINATED);

    assertThat(first.deletion().dataAccessibleUntil()).isEqualTo(TERMINATED.toString());
    assertThat(first.stage()).as("destroyed only once the deadline is read back from status")
        .isEqualTo(LifecycleStage.Retained);
  }

  @Test
  void aWrittenDeadlineIsDueExactlyAtItsSecond() {
    Tenant terminated = tenant(LifecycleState.Terminated, null, true, written("2026-06-10T14:23:45Z"));

    TenantLifecycle before = decide(PARIS, terminated, SECONDS, Instant.parse("2026-06-10T14:23:44.999Z"));
    TenantLifecycle exactly = decide(PARIS, terminated, SECONDS, Instant.parse("2026-06-10T14:23:45Z"));

    assertThat(before.stage()).isEqualTo(LifecycleStage.Retained);
    assertThat(before.recoveryAccess()).isTrue();
    assertThat(exactly.stage()).isEqualTo(LifecycleStage.Destroying);
    assertThat(exactly.recoveryAccess()).as("recovery access ends at the deadline").isFalse();
  }

  @Test
  void aRestartOrAClassificationEditNeverMovesAWrittenDeadline() {
    Tenant terminated = tenant(LifecycleState.Terminated, null, true, written("2026-06-10T14:23:45Z"));

    TenantLifecycle afterEdit = decide(PARIS, terminated, classifications("P10Y", "P10Y", true), TERMINATED);
    TenantLifecycle shorter = decide(PARIS, terminated, classifications("PT1S", "PT1S", true),
        Instant.parse("2026-06-10T14:23:44Z"));

    assertThat(afterEdit.deletion()).isEqualTo(terminated.getStatus().deletion());
    assertThat(shorter.stage()).isEqualTo(LifecycleStage.Retained);
    assertThat(shorter.deletion().dataAccessibleUntil()).isEqualTo("2026-06-10T14:23:45Z");
  }

  @Test
  void aClockMovedBackOnlyDelays() {
    Tenant terminated = tenant(LifecycleState.Terminated, null, true, written("2026-06-10T14:23:45Z"));
    TenantLifecycle wrote = decide(PARIS, terminated, SECONDS, Instant.parse("2026-06-10T13:00:00Z"));
    assertThat(wrote.stage()).isEqualTo(LifecycleStage.Retained);

    // a termination first seen by a clock an hour behind what the status already recorded
    Tenant seen = tenant(LifecycleState.Terminated, null, true, null);
    seen.setStatus(new TenantStatus(null, 3L, List.of(new ConditionBuilder().withType("Ready").withStatus("True")
        .withLastTransitionTime("2026-06-10T15:00:00Z").build()), null, null, null, null, null, null));
    TenantLifecycle behind = decide(PARIS, seen, SECONDS, Instant.parse("2026-06-10T14:00:00Z"));
    assertThat(behind.deletion().terminatedAt()).isEqualTo("2026-06-10T15:00:00Z");
    assertThat(behind.deletion().dataAccessibleUntil()).isEqualTo("2026-06-10T15:00:40Z");
  }

  @Test
  void aLegalHoldStopsADueDestructionAndLiftingItDestroysAtOnce() {
    Instant pastDeadline = Instant.parse("2026-07-01T00:00:00Z");
    TenantLifecycle held = decide(PARIS, tenant(LifecycleState.Terminated, HOLD, true, written("2026-06-10T14:23:45Z")),
        SECONDS, pastDeadline);
    TenantLifecycle lifted = decide(PARIS, tenant(LifecycleState.Terminated, null, true, written("2026-06-10T14:23:45Z")),
        SECONDS, pastDeadline);

    assertThat(held.stage()).isEqualTo(LifecycleStage.Retained);
    assertThat(held.recoveryAccess()).as("the hold keeps the data, not the access").isFalse();
    assertThat(lifted.stage()).isEqualTo(LifecycleStage.Destroying);
  }

  @Test
  void aLegalHoldAClassificationForbidsIsNotHonoured() {
    TenantLifecycle refused = decide(PARIS, tenant(LifecycleState.Terminated, HOLD, true, written("2026-06-10T14:23:45Z")),
        classifications("PT40S", "PT10S", false), Instant.parse("2026-07-01T00:00:00Z"));

    assertThat(refused.stage()).isEqualTo(LifecycleStage.Destroying);
    assertThat(LegalHolds.refusing(List.of("health", "public"), classifications("PT40S", "PT10S", false)))
        .containsExactly("health");
  }

  @Test
  void aLegalHoldSetOnceTheDestructionBeganIsTooLate() {
    Deletion started = written("2026-06-10T14:23:45Z").withInventory("2026-06-10T14:23:46Z",
        List.of(new DestroyedNamespace("clinic-records", "uid-1", "fr-paris", "health", Map.of())), List.of());

    TenantLifecycle late = decide(PARIS, tenant(LifecycleState.Terminated, HOLD, true, started), SECONDS,
        Instant.parse("2026-06-10T14:23:50Z"));

    assertThat(late.stage()).isEqualTo(LifecycleStage.Destroying);
  }

  @Test
  void declinedRecoveryAccessIsNeverGranted() {
    TenantLifecycle retained = decide(PARIS, tenant(LifecycleState.Terminated, null, false, null), P90D, TERMINATED);

    assertThat(retained.stage()).isEqualTo(LifecycleStage.Retained);
    assertThat(retained.recoveryAccess()).isFalse();
  }

  @Test
  void aScheduleInStatusKeepsTheTenantTerminatedWhateverItsSpecSays() {
    TenantLifecycle kept = decide(PARIS, tenant(LifecycleState.Active, null, true, written("2026-06-10T14:23:45Z")),
        SECONDS, TERMINATED);

    assertThat(kept.stage()).isEqualTo(LifecycleStage.Retained);
  }

  @Test
  void destroyedIsWhatTheStatusOrTheCertificateSays() {
    Deletion done = written("2026-06-10T14:23:45Z").withDestroyed("2026-06-10T14:24:00Z", "clinic-7f3a9c2e");
    TenantLifecycle fromStatus = decide(PARIS, tenant(LifecycleState.Terminated, null, true, done), SECONDS,
        Instant.parse("2030-01-01T00:00:00Z"));

    DestructionCertificate certificate = new DestructionCertificate();
    certificate.setMetadata(new ObjectMetaBuilder().withName("clinic-7f3a9c2e").build());
    certificate.setSpec(new DestructionCertificateSpec("clinic", "uid", null, null, null, null, null,
        "2026-06-10T14:23:05Z", "PT40S", "2026-06-10T14:23:45Z", null, "2026-06-10T14:24:00Z", null,
        "2027-06-10T14:24:00Z", null, null, "v", null, null, null));
    TenantLifecycle fromCertificate = new DeletionSchedule(PARIS)
        .decide(tenant(LifecycleState.Terminated, null, true, null), SECONDS, List.of(), certificate, TERMINATED);

    assertThat(fromStatus.stage()).isEqualTo(LifecycleStage.Destroyed);
    assertThat(fromCertificate.stage()).isEqualTo(LifecycleStage.Destroyed);
    assertThat(fromCertificate.deletion().certificate()).isEqualTo("clinic-7f3a9c2e");
    assertThat(fromCertificate.deletion().dataAccessibleUntil()).isEqualTo("2026-06-10T14:23:45Z");
  }

  @Test
  void theProofIsKeptItsLongestRetentionAtLeastTheFloorCountedInCalendarYears() {
    DeletionSchedule schedule = new DeletionSchedule(new LifecycleSettings(ZoneOffset.UTC, CalendarDuration.ZERO,
        CalendarDuration.parse("P1Y"), "ns"));

    DeletionSchedule.Deadline proof = schedule.proofRetainedUntil(Instant.parse("2027-03-01T10:00:00Z"),
        List.of("public"), classifications("P90D", "P30D", true));

    assertThat(proof.at()).isEqualTo(Instant.parse("2028-03-01T10:00:00Z"));
    assertThat(proof.retention()).isEqualTo("P1Y (the platform's floor)");
  }
}
