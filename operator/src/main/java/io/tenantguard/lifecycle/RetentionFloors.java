package io.tenantguard.lifecycle;

import io.fabric8.kubernetes.api.model.Condition;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.classification.Retention;
import io.tenantguard.capability.ClassificationReview;
import io.tenantguard.kube.CalendarDuration;
import io.tenantguard.kube.Conditions;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a DataClassification that asks for less retention than the platform's floor that the
 * floor applies instead: condition {@code RetentionRaised}, True with what was raised.
 */
public final class RetentionFloors implements ClassificationReview {
  public static final String RETENTION_RAISED = "RetentionRaised";

  private final LifecycleSettings settings;
  private final Clock clock;

  public RetentionFloors(LifecycleSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public List<Condition> conditions(DataClassification classification) {
    Retention retention = LegalHolds.retention(classification);
    List<String> raised = new ArrayList<>();
    raise(raised, "retention.afterTermination", retention.afterTermination(), settings.minRetention());
    raise(raised, "retention.destructionProof", retention.destructionProof(), settings.minProofRetention());
    Long generation = classification.getMetadata().getGeneration();
    return List.of(raised.isEmpty()
        ? Conditions.of(RETENTION_RAISED, false, "AtLeastTheFloor",
            "its retentions are at least the platform's floors (" + settings.minRetention() + " after termination, "
                + settings.minProofRetention() + " for the proof of destruction)", generation)
        : Conditions.of(RETENTION_RAISED, true, "BelowTheFloor", String.join("; ", raised), generation));
  }

  /** Shorter than the floor, counted from now: the floor applies. */
  private void raise(List<String> raised, String field, String asked, CalendarDuration floor) {
    ZonedDateTime now = clock.instant().atZone(settings.timeZone());
    if (CalendarDuration.parse(asked).addTo(now).isBefore(floor.addTo(now))) {
      raised.add(field + " " + asked + " is less than the platform's floor " + floor + ": " + floor + " applies");
    }
  }
}
