package io.tenantguard.evidence;

/** Who answers for a control, as the responsibility assignment matrix assigns it. */
public enum ControlOwner {
  Provider,
  Client,
  Shared
}
