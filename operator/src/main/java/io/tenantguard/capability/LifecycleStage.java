package io.tenantguard.capability;

/**
 * Where a tenant stands in its lifecycle, as the lifecycle's schedule decided from its spec, its
 * persisted deadlines and the clock. The other capabilities read it to change what they
 * contribute: access read-only while Suspended, none but the recovery access once Terminated,
 * nothing at all once its data is being destroyed.
 */
public enum LifecycleStage {
  Active,
  /** Writes revoked, workloads stopped; resumable. */
  Suspended,
  /** Terminated, its data kept until the deadline (or a legal hold): every access revoked but recovery. */
  Retained,
  /** Terminated and past its deadline: its namespaces are being deleted and the deletion verified. */
  Destroying,
  /** Its data is destroyed and the DestructionCertificate written. */
  Destroyed;

  /** Whether the tenant still has namespaces to provision and protect. */
  public boolean holdsData() {
    return this == Active || this == Suspended || this == Retained;
  }

  /** Whether the tenant's namespaces are frozen: only the platform writes in them. */
  public boolean frozen() {
    return this == Suspended || this == Retained;
  }
}
