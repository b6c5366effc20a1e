package io.tenantguard.placement;

import io.tenantguard.api.v1alpha1.region.MaintenanceWindow;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.NamespaceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which planned maintenance windows a tenant must be told about: those of its regions that start
 * within 14 days (or are under way), naming the window and the namespaces it affects.
 */
public final class MaintenanceNotices {
  public static final Duration NOTICE = Duration.ofDays(14);

  private MaintenanceNotices() {}

  /**
   * @param notices one sentence per window to announce now
   * @param nextDue when the next window enters its notice period, for the reconciler to wake up then
   */
  public record Upcoming(List<String> notices, Optional<Instant> nextDue) {}

  public static Upcoming upcoming(Map<String, Region> regions, List<NamespaceStatus> namespaces, Instant now) {
    List<String> notices = new ArrayList<>();
    Instant nextDue = null;
    Map<String, List<String>> namespacesByRegion = namespaces.stream()
        .filter(ns -> ns.state() != NamespaceState.Refused && ns.state() != NamespaceState.Conflict && ns.region() != null)
        .collect(Collectors.groupingBy(NamespaceStatus::region, java.util.TreeMap::new,
            Collectors.mapping(NamespaceStatus::name, Collectors.toList())));
    for (Map.Entry<String, List<String>> placed : namespacesByRegion.entrySet()) {
      Region region = regions.get(placed.getKey());
      if (region == null) {
        continue;
      }
      for (MaintenanceWindow window : region.getSpec().maintenance()) {
        Instant start = window.start().toInstant();
        Instant end = window.end().toInstant();
        Instant due = start.minus(NOTICE);
        if (!now.isBefore(due) && now.isBefore(end)) {
          notices.add("region " + placed.getKey() + (window.zones().isEmpty() ? "" : " (zones " + String.join(", ", window.zones()) + ")")
              + ": maintenance from " + start + " to " + end
              + (window.description() == null ? "" : " (" + window.description() + ")")
              + " affects namespaces " + String.join(", ", placed.getValue()));
        } else if (now.isBefore(due) && (nextDue == null || due.isBefore(nextDue))) {
          nextDue = due;
        }
      }
    }
    return new Upcoming(notices, Optional.ofNullable(nextDue));
  }
}
