package io.tenantguard.capability;

import java.util.List;

/**
 * One capability of the Tenant pipeline (separation, placement, encryption, ...): a pure function
 * from what was observed to what it wants, tested without a cluster. No capability sees another's
 * contribution; the pipeline merges them.
 */
public interface Capability {

  /** The condition types its evidence feeds, in the order the status lists them. */
  List<String> conditions();

  /**
   * Why this namespace must not be provisioned, one message per rule it breaks; empty when this
   * capability has no objection. A namespace that already exists is kept, never deleted, and
   * reported Violated instead.
   */
  default List<String> refusals(NamespaceView namespace, TenantInputs inputs) {
    return List.of();
  }

  /** Its objects, namespace metadata and evidence, given what the pipeline decided per namespace. */
  Contribution contribute(TenantInputs inputs, List<PlacedNamespace> namespaces);
}
