package io.tenantguard.lifecycle;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespace;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificate;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.classification.Retention;
import io.tenantguard.api.v1alpha1.tenant.Deletion;
import io.tenantguard.api.v1alpha1.tenant.Lifecycle;
import io.tenantguard.api.v1alpha1.tenant.LifecycleState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.api.v1alpha1.tenant.TenantStatus;
import io.tenantguard.capability.LifecycleStage;
import io.tenantguard.capability.TenantLifecycle;
import io.tenantguard.kube.CalendarDuration;
import io.tenantguard.kube.Labels;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Decides where a tenant stands in its lifecycle, a pure function of its spec, the deadlines its
 * status holds, the classes of data it holds and the clock. Deadlines are computed once, when the
 * tenant is first seen Terminated, and from then on read from status: no restart, resync, spec or
 * classification edit moves them, and a clock moved back only delays what is due. Data is
 * destroyed only on a deadline read back from status, never on one just computed.
 */
public final class DeletionSchedule {
  private final LifecycleSettings settings;

  public DeletionSchedule(LifecycleSettings settings) {
    this.settings = settings;
  }

  /**
   * @param certificate the tenant's DestructionCertificate if one exists (its name is derived from
   *     the tenant's uid), or null
   */
  public TenantLifecycle decide(Tenant tenant, Map<String, DataClassification> classifications,
      List<Namespace> owned, DestructionCertificate certificate, Instant now) {
    Lifecycle lifecycle = tenant.getSpec().lifecycle();
    TenantStatus status = tenant.getStatus();
    Deletion persisted = status == null ? null : status.deletion();
    if (certificate != null) {
      return destroyed(persisted, certificate);
    }
    if (persisted != null && persisted.destroyedAt() != null) {
      return TenantLifecycle.of(LifecycleStage.Destroyed, persisted, false);
    }
    boolean terminated = lifecycle.state() == LifecycleState.Terminated
        || (persisted != null && persisted.terminatedAt() != null);
    if (!terminated) {
      LifecycleStage stage = lifecycle.state() == LifecycleState.Suspended ? LifecycleStage.Suspended : LifecycleStage.Active;
      return TenantLifecycle.of(stage, null, false);
    }
    if (persisted == null || persisted.dataAccessibleUntil() == null) {
      Instant terminatedAt = persisted != null && persisted.terminatedAt() != null
          ? Times.parse(persisted.terminatedAt())
          : notBefore(now, tenant);
      Deadline deadline = dataAccessibleUntil(terminatedAt, held(tenant, owned), classifications);
      Deletion begun = Deletion.terminated(Times.format(terminatedAt), deadline.retention(), Times.format(deadline.at()));
      return TenantLifecycle.of(LifecycleStage.Retained, begun,
          lifecycle.dataRecoveryAccess() && now.isBefore(deadline.at()));
    }
    Instant deadline = Times.parse(persisted.dataAccessibleUntil());
    if (now.isBefore(deadline)) {
      return TenantLifecycle.of(LifecycleStage.Retained, persisted, lifecycle.dataRecoveryAccess());
    }
    boolean held = persisted.destructionStartedAt() == null
        && LegalHolds.verdict(lifecycle.legalHold(), held(tenant, owned), classifications) == LegalHolds.Verdict.HONOURED;
    return TenantLifecycle.of(held ? LifecycleStage.Retained : LifecycleStage.Destroying, persisted, false);
  }

  private static TenantLifecycle destroyed(Deletion persisted, DestructionCertificate certificate) {
    Deletion deletion = persisted != null ? persisted : Deletion.terminated(certificate.getSpec().terminatedAt(),
        certificate.getSpec().retention(), certificate.getSpec().dataAccessibleUntil());
    if (deletion.destroyedAt() == null) {
      deletion = deletion.withDestroyed(certificate.getSpec().destroyedAt(), certificate.getMetadata().getName());
    }
    return TenantLifecycle.of(LifecycleStage.Destroyed, deletion, false);
  }

  /**
   * Now, or the latest time the tenant's status already recorded if the clock is behind it: a
   * clock moved back never dates a termination earlier than what was seen before.
   */
  private static Instant notBefore(Instant now, Tenant tenant) {
    Instant latest = now;
    if (tenant.getMetadata().getCreationTimestamp() != null) {
      latest = Times.latest(latest, Instant.parse(tenant.getMetadata().getCreationTimestamp()));
    }
    List<Condition> conditions = tenant.getStatus() == null ? List.of() : tenant.getStatus().conditions();
    for (Condition condition : conditions) {
      if (condition.getLastTransitionTime() != null) {
        latest = Times.latest(latest, Instant.parse(condition.getLastTransitionTime()));
      }
    }
    return latest;
  }

  /** The classes of data a tenant holds: those its spec names and those its kept namespaces carry. */
  public static Set<String> held(Tenant tenant, List<Namespace> owned) {
    Set<String> held = new TreeSet<>();
    tenant.getSpec().namespaces().stream().map(TenantNamespace::classification).forEach(held::add);
    owned.stream()
        .map(ns -> ns.getMetadata().getLabels() == null ? null : ns.getMetadata().getLabels().get(Labels.CLASSIFICATION))
        .filter(Objects::nonNull)
        .forEach(held::add);
    return held;
  }

  /** A deadline and the retention that set it. */
  public record Deadline(Instant at, String retention) {}

  /**
   * Terminated plus the longest retention of the classes held and the platform's floor, each
   * added in the calendar of the platform's time zone; a retention counted in whole days ends at
   * the next midnight there, one with a time part ends exactly.
   */
  public Deadline dataAccessibleUntil(
      Instant terminatedAt, Collection<String> held, Map<String, DataClassification> classifications) {
    return longest(terminatedAt, held, classifications,
        Retention::afterTermination, settings.minRetention(), true, null);
  }

  /**
   * When a certificate may be pruned: destroyed plus the longest proof retention of the classes
   * held, at least the floor; a tenant that held no class of data gets the API's default (P365D).
   */
  public Deadline proofRetainedUntil(
      Instant destroyedAt, Collection<String> held, Map<String, DataClassification> classifications) {
    return longest(destroyedAt, held, classifications, Retention::destructionProof, settings.minProofRetention(), false,
        CalendarDuration.parse(Retention.DEFAULT.destructionProof()));
  }

  /** @param whenNothingHeld what applies beside the floor when no class of data is held, or null */
  private Deadline longest(Instant start, Collection<String> held, Map<String, DataClassification> classifications,
      Function<Retention, String> retention, CalendarDuration floor, boolean roundToMidnight,
      CalendarDuration whenNothingHeld) {
    List<Deadline> candidates = new ArrayList<>();
    for (String name : held) {
      CalendarDuration asked = CalendarDuration.parse(retention.apply(LegalHolds.retention(classifications.get(name))));
      candidates.add(new Deadline(end(start, asked, roundToMidnight), asked + " (classification " + name + ")"));
    }
    if (held.isEmpty() && whenNothingHeld != null) {
      candidates.add(new Deadline(end(start, whenNothingHeld, roundToMidnight),
          whenNothingHeld + " (the default: no class of data held)"));
    }
    // last, so that a classification asking exactly the floor is named
    candidates.add(new Deadline(end(start, floor, roundToMidnight), floor + " (the platform's floor)"));
    return candidates.stream().max(Comparator.comparing(Deadline::at)).orElseThrow();
  }

  private Instant end(Instant start, CalendarDuration duration, boolean roundToMidnight) {
    ZonedDateTime end = duration.addTo(start.atZone(settings.timeZone()));
    if (roundToMidnight && duration.wholeDays()) {
      ZonedDateTime startOfDay = end.toLocalDate().atStartOfDay(settings.timeZone());
      if (!startOfDay.toInstant().equals(end.toInstant())) {
        end = end.toLocalDate().plusDays(1).atStartOfDay(settings.timeZone());
      }
    }
    return end.toInstant();
  }
}
