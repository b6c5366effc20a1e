package io.tenantguard.evidence;

import io.tenantguard.api.v1alpha1.tenant.ControlState;

/**
 * What a capability found about one control of one tenant: its state, the condition it feeds, and
 * a reason and message that name the objects concerned. For a ProviderAttested control, the
 * message is the reference of the provider's attestation.
 */
public record Evidence(Control control, ControlState state, String condition, String reason, String message) {

  /** Whether it holds for the tenant's Ready: enforced, or nobody's to enforce here. */
  public boolean holds() {
    return state != ControlState.Violated && state != ControlState.NotEnforced;
  }

  public Evidence withState(ControlState state, String reason, String message) {
    return new Evidence(control, state, condition, reason, message);
  }
}
