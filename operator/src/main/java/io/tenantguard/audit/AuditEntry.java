package io.tenantguard.audit;

import java.util.List;

/**
 * One enforcement action, as the audit trail records it.
 *
 * @param tenant the tenant it concerns, or null for a cluster-wide object
 * @param controls the ids of the controls it serves, where known (empty otherwise)
 * @param object the object acted on, as {@code Kind namespace/name} or {@code Kind name}
 * @param action what the operator did: created, updated, removed, restored, or reported (a finding
 *     told as an Event)
 * @param outcome the reason, as the Event names it: Applied, DriftReverted, Orphaned, ApplyFailed...
 * @param type Normal or Warning, as the Event's type
 * @param message what a person reads
 */
public record AuditEntry(
    String tenant, List<String> controls, String object, String action, String outcome, String type, String message) {

  public AuditEntry {
    controls = controls == null ? List.of() : List.copyOf(controls);
  }
}
