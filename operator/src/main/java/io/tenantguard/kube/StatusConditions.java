package io.tenantguard.kube;

/** Condition types and reasons, as constants so that code, tests and docs agree. */
public final class StatusConditions {
  public static final String READY = "Ready";
  public static final String ISOLATED = "Isolated";
  public static final String REGION_PINNED = "RegionPinned";
  public static final String ENCRYPTION_ENFORCED = "EncryptionEnforced";
  public static final String CONTACTS_NAMED = "ContactsNamed";
  public static final String ACCESS_REVIEWED = "AccessReviewed";
  public static final String LIFECYCLE_ENFORCED = "LifecycleEnforced";
  public static final String ACCESS_CONTROLLED = "AccessControlled";
  public static final String DUTIES_ATTESTED = "DutiesAttested";
  public static final String MAINTENANCE_PLANNED = "MaintenancePlanned";
  /** A reminder, true when a key of the tenant is older than a classification's keyRotationInterval. */
  public static final String KEY_ROTATION_DUE = "KeyRotationDue";
  /** A notice: the tenant is Terminated, and when its data is destroyed. */
  public static final String DELETION_SCHEDULED = "DeletionScheduled";
  /** kstatus: true while the operator is still converging. */
  public static final String RECONCILING = "Reconciling";
  /** kstatus: true when the operator cannot converge without a change of input. */
  public static final String STALLED = "Stalled";

  /** The reason of evidence for a requirement nothing declares. */
  public static final String NOT_REQUIRED = "NotRequired";

  private StatusConditions() {}

  /**
   * A false condition that keeps Ready false: not one that only shows the client's own duties (its
   * reviews) or the provider's organisational duties nobody attested.
   */
  public static boolean blocksReady(io.fabric8.kubernetes.api.model.Condition condition) {
    return failing(condition) && !ACCESS_REVIEWED.equals(condition.getType())
        && !DUTIES_ATTESTED.equals(condition.getType());
  }

  /** A condition a capability feeds that does not hold: bad news worth telling. */
  public static boolean failing(io.fabric8.kubernetes.api.model.Condition condition) {
    return switch (condition.getType()) {
      case READY, STALLED, RECONCILING, MAINTENANCE_PLANNED, KEY_ROTATION_DUE, DELETION_SCHEDULED -> false;
      default -> Conditions.FALSE.equals(condition.getStatus());
    };
  }
}
