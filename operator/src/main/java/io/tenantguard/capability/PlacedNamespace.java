package io.tenantguard.capability;

import io.tenantguard.api.v1alpha1.tenant.NamespaceState;

/** A namespace with what the pipeline decided for it, from every capability's refusals. */
public record PlacedNamespace(NamespaceView view, NamespaceState state, String message) {

  /** Whether it exists or is to exist, and so gets every object that isolates and bounds it. */
  public boolean provisioned() {
    return state == NamespaceState.Provisioned || state == NamespaceState.Violated || state == NamespaceState.Retained;
  }

  public String name() {
    return view.name();
  }
}
