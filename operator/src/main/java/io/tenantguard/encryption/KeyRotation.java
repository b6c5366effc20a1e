package io.tenantguard.encryption;

import io.fabric8.kubernetes.api.model.Condition;
import io.tenantguard.kube.CalendarDuration;
import io.tenantguard.api.v1alpha1.tenant.Encryption;
import io.tenantguard.api.v1alpha1.tenant.RegionKey;
import io.tenantguard.capability.PlacedNamespace;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reminder that a key in use is older than a classification of the tenant's data asks
 * ({@code requirements.keyRotationInterval}). Rotating is the client's duty (the matrix: the client
 * creates and renews its keys), so this informs and never makes the tenant not Ready.
 */
final class KeyRotation {
  static final String KEY_TOO_OLD = "KeyTooOld";
  static final String ROTATION_DATE_UNKNOWN = "RotationDateUnknown";
  static final String WITHIN_INTERVAL = "WithinInterval";
  static final String NO_INTERVAL = "NoRotationInterval";

  private KeyRotation() {}

  /**
   * @param notice the KeyRotationDue condition
   * @param nextDue when a key in use, rotated in time so far, becomes due: the tenant is looked at again then
   */
  record Reminder(Condition notice, Optional<Instant> nextDue) {}

  /** One key in use, for the namespaces of one classification that asks an interval. */
  private record Due(RegionKey key, String field, String classification, String interval, List<String> namespaces,
      Instant dueAt) {}

  /**
   * @param regions the regions where a class of the tenant names a key: the keys in use
   */
  static Reminder reminder(
      List<PlacedNamespace> namespaces, Encryption encryption, Set<String> regions, Instant now, Long generation) {
    Map<String, Due> dues = new TreeMap<>();
    for (PlacedNamespace namespace : namespaces) {
      String interval = namespace.view().requirements().keyRotationInterval();
      String region = namespace.view().regionName();
      Optional<RegionKey> declared = encryption.keyFor(region);
      // a class kept for a Region that is gone may have no key left in the spec: nothing to date
      if (!namespace.provisioned() || interval == null || !regions.contains(region) || declared.isEmpty()) {
        continue;
      }
      RegionKey key = declared.get();
      boolean own = encryption.keys().stream().anyMatch(k -> k.region().equals(region));
      String field = own ? "keyRotatedAt of region " + region + " in spec.encryption.keys" : "spec.encryption.keyRotatedAt";
      Instant dueAt = key.keyRotatedAt() == null ? null
          : CalendarDuration.parse(interval).after(key.keyRotatedAt().toInstant());
      String id = key.keyRef() + "\n" + field + "\n" + namespace.view().classificationName();
      Due due = dues.computeIfAbsent(id, k -> new Due(
          key, field, namespace.view().classificationName(), interval, new ArrayList<>(), dueAt));
      due.namespaces().add(namespace.name());
    }
    List<Due> overdue = dues.values().stream().filter(d -> d.dueAt() != null && !d.dueAt().isAfter(now)).toList();
    List<Due> undated = dues.values().stream().filter(d -> d.dueAt() == null).toList();
    Optional<Due> next = dues.values().stream().filter(d -> d.dueAt() != null && d.dueAt().isAfter(now))
        .min(Comparator.comparing(Due::dueAt));
    Optional<Instant> nextDue = next.map(Due::dueAt);
    if (!overdue.isEmpty() || !undated.isEmpty()) {
      List<String> told = new ArrayList<>();
      overdue.forEach(d -> told.add("key " + d.key().keyRef() + " of region " + d.key().region() + " was rotated on "
          + d.key().keyRotatedAt().toInstant() + ", more than the " + d.interval() + " classification "
          + d.classification() + " asks (namespaces " + String.join(", ", d.namespaces()) + "): the client rotates it"
          + " and sets " + d.field()));
      undated.forEach(d -> told.add("key " + d.key().keyRef() + " of region " + d.key().region() + " has no rotation"
          + " date, and classification " + d.classification() + " asks a rotation every " + d.interval()
          + " (namespaces " + String.join(", ", d.namespaces()) + "): set " + d.field()));
      return new Reminder(Conditions.of(StatusConditions.KEY_ROTATION_DUE, true,
          overdue.isEmpty() ? ROTATION_DATE_UNKNOWN : KEY_TOO_OLD, String.join("; ", told), generation), nextDue);
    }
    if (next.isPresent()) {
      Due first = next.get();
      return new Reminder(Conditions.of(StatusConditions.KEY_ROTATION_DUE, false, WITHIN_INTERVAL,
          "every key in use is younger than its classifications ask; the next is due on " + first.dueAt()
              + " (key " + first.key().keyRef() + " of region " + first.key().region() + ", classification "
              + first.classification() + ", every " + first.interval() + ")", generation), nextDue);
    }
    return new Reminder(Conditions.of(StatusConditions.KEY_ROTATION_DUE, false, NO_INTERVAL,
        "no classification of the tenant's data asks a key rotation interval", generation), Optional.empty());
  }
}
