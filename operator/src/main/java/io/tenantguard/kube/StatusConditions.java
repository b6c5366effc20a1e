package io.tenantguard.kube;

/** Condition types and reasons, as constants so that code, tests and docs agree. */
public final class StatusConditions {
  public static final String READY = "Ready";
  public static final String ISOLATED = "Isolated";
  public static final String REGION_PINNED = "RegionPinned";
  public static final String MAINTENANCE_PLANNED = "MaintenancePlanned";
  /** kstatus: true while the operator is still converging. */
  public static final String RECONCILING = "Reconciling";
  /** kstatus: true when the operator cannot converge without a change of input. */
  public static final String STALLED = "Stalled";

  private StatusConditions() {}
}
