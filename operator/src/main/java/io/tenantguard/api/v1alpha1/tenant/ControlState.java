package io.tenantguard.api.v1alpha1.tenant;

/** Whether a control of the responsibility matrix holds for a tenant right now. */
public enum ControlState {
  /** The operator keeps it true, and it holds. */
  Enforced,
  /** It applies and does not hold. */
  Violated,
  /** It applies, and nothing enforces or attests it: never a silent pass. */
  NotEnforced,
  /** The client's own duty; shown, not enforced. */
  ClientResponsibility,
  /** An organisational duty the provider attests outside the cluster. */
  ProviderAttested,
  /** The tenant's contract or data do not call for it. */
  NotApplicable
}
