package io.tenantguard.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static final Clock MONDAY = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
  private static final Clock TUESDAY = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);

  @Test
  void transitionTimeStaysWhileStatusIsUnchanged() {
    List<Condition> first = Conditions.merge(List.of(), List.of(Conditions.of("Ready", true, "A", "a", 1L)), MONDAY);
    List<Condition> second =
        Conditions.merge(first, List.of(Conditions.of("Ready", true, "B", "b", 2L)), TUESDAY);

    assertThat(second.get(0).getLastTransitionTime()).isEqualTo("2026-11-23T09:00:00Z");
    assertThat(second.get(0).getReason()).isEqualTo("B");
    assertThat(second.get(0).getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void transitionTimeMovesWhenStatusFlips() {
    List<Condition> first = Conditions.merge(List.of(), List.of(Conditions.of("Ready", true, "A", "a", 1L)), MONDAY);
    List<Condition> second =
        Conditions.merge(first, List.of(Conditions.of("Ready", false, "B", "b", 1L)), TUESDAY);

    assertThat(second.get(0).getLastTransitionTime()).isEqualTo("2026-11-24T09:00:00Z");
    assertThat(Conditions.isTrue(second, "Ready")).isFalse();
  }
}
